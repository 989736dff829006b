"""At 390 px a citizen's pages fit the phone: tables reflow into cards or scroll in their own box, the survey
matrix can be answered, chart labels can be read."""

from django.utils import timezone

from accounts.models import User
from assemblies.models import AssemblyPage, Membership
from events import registrations
from events.models import EventPage
from tests.e2e.test_join import CITIZEN, PASSWORD

PHONE = {"width": 390, "height": 844}


def sign_in(page, base):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-posta").fill(CITIZEN)
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizens_own_pages_fit_a_phone(demo_site, page):
    citizen = User.objects.get(email=CITIZEN)
    for event in EventPage.objects.live().filter(locale__language_code="tr").exclude(registration="none"):
        if not registrations.refusal(event, citizen):
            registrations.register(event, citizen)
    seniors = AssemblyPage.objects.get(slug="kidemli-hemsehriciler-meclisi")
    Membership.objects.create(
        user=citizen,
        assembly=seniors,
        state=Membership.State.REJECTED,
        state_reason="Bu meclise 60 yaş ve üzeri hemşehrilerimiz katılabilir; başvurunuz bu nedenle kabul edilemedi.",
        applied_at=timezone.now(),
    )
    page.set_viewport_size(PHONE)
    sign_in(page, demo_site.url)

    page.goto(demo_site.url + "/accounts/events/")
    assert page.locator("tbody tr").count() >= 2
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")
    cancel = page.get_by_role("button", name="Vazgeç").first
    assert cancel.bounding_box()["height"] < 50  # one line, not a letter per line

    page.goto(demo_site.url + "/accounts/assemblies/")
    assert "60 yaş" in page.content()
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")

    page.goto(demo_site.url + "/oneri-kutusu/")
    assert fits(page), page.evaluate("document.documentElement.scrollWidth")


def test_the_survey_matrix_and_the_results_charts_work_on_a_phone(demo_site, page):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_site.url)
    page.goto(demo_site.url + "/meclisler/genclik-meclisi/genclik-anketi/")
    assert fits(page)
    matrix = page.locator("table.matrix")
    radios = matrix.locator("input[type=radio]")
    assert radios.count() == 20
    for index in range(radios.count()):
        box = radios.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # every choice on the screen, none cut off
    # Each value is named beside its button, so a row can be answered without the column headings.
    page.get_by_label("Ulaşım: 4").check()
    assert page.get_by_label("Ulaşım: 4").is_checked()

    page.goto(demo_site.url + "/meclisler/engelli-meclisi/etkinliklerin-erisilebilirligi/sonuclar/")
    assert fits(page)
    sizes = page.eval_on_selector_all(
        ".bar-list__label, .bar-list__value", "labels => labels.map(l => parseFloat(getComputedStyle(l).fontSize))"
    )
    assert sizes and min(sizes) >= 12
    # The wide matrix table scrolls in its own box and says so.
    assert page.locator(".table-scroll__hint").first.is_visible()


def test_the_confirmation_shows_the_number_and_the_security_code_each_on_one_line_on_a_phone(demo_site, page):
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(demo_site.url + "/oneri-kutusu/")
        page.get_by_label("Öneri", exact=True).check()
        page.get_by_label("Mesajınız").fill("Parkın aydınlatması yetersiz, akşamları karanlık kalıyor.")
        page.locator("#id_name").fill("Fatma Şahin")
        page.locator("#id_email").fill(f"fatma.{width}@example.org")
        page.get_by_label("Aydınlatma metnini okudum").check()
        with page.expect_navigation():
            page.locator("main").get_by_role("button", name="Gönder").click()
        assert fits(page)
        for selector in (".tracking-number", ".security-code"):
            # Copied down or read out, a code broken at its hyphen reads as two codes.
            lines = page.locator(selector).evaluate(
                "e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))"
            )
            assert lines == 1, (width, selector, lines)


def test_a_staff_bar_chart_shrinks_to_a_phone(demo_site, page):
    from distribution.demo import COORDINATOR
    from distribution.models import Distribution

    distribution = Distribution.objects.first()
    page.set_viewport_size(PHONE)
    page.goto(demo_site.url + "/accounts/login/")
    page.get_by_label("E-posta").fill(COORDINATOR[0])
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()
    page.goto(demo_site.url + f"/admin/distribution/{distribution.pk}/plan/")
    chart = page.locator("svg.bar-chart").first
    box = chart.bounding_box()
    # The copies per mahalle, numbers at the bars' ends included, on the screen: not cut off at its right edge.
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
