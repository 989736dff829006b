"""Registering for an event with the keyboard alone, and axe on the calendar, event and registration pages."""

from events.models import Registration
from tests.e2e.test_join import CITIZEN, PASSWORD, assert_no_violations, tab_to

EVENT = "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/"


def test_a_citizen_registers_for_an_event_with_the_keyboard_only(demo_site, page):
    page.goto(demo_site.url + EVENT)
    tab_to(page, "Kayıt için oturum açın")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")
    assert "etkinliğine kaydolmak için lütfen oturum açın" in page.content()  # a word of why
    tab_to(page, "E-posta")
    page.keyboard.type(CITIZEN)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Back on the event page itself, at its registration box: one more key press registers.
    page.wait_for_url(lambda url: url.endswith(EVENT + "#kayit") and "login" not in url)
    assert_no_violations(page)

    tab_to(page, "Kayıt ol")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    registration = Registration.objects.get(user__email=CITIZEN)
    assert registration.status == "confirmed"
    assert registration.code in page.locator("#kayit").inner_text()
    assert_no_violations(page)


def test_calendar_pages_pass_axe(demo_site, page):
    for path in ["/etkinlikler/", "/etkinlikler/?meclis=engelli-meclisi", "/meclisler/kadin-meclisi/", "/en/events/"]:
        page.goto(demo_site.url + path)
        assert_no_violations(page)
