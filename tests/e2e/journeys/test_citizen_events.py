"""Citizen journeys of JOURNEYS.md in Chromium at 1280 and 390 px: read, and find and attend an event."""

import datetime

import icalendar
import pytest

from events.models import EventPage, Registration
from tests.e2e.journeys.conftest import DESKTOP, WIDTHS
from tests.factories import UserFactory

CITIZEN = "vatandas@kentkonseyi.test"
WORKSHOP = "Girişimcilik Komisyonu atölyesi"  # weekly, under the Kadın Meclisi
MEETING = "Bilgilendirme toplantısı: Sokak hayvanları ve veteriner hizmetleri"


@pytest.mark.parametrize("width", WIDTHS)
def test_read(journey, width):
    page = journey.open(width=width, path="/")
    journey.check(page)
    page.locator(".main-nav").get_by_role("link", name="Haberler").click()
    page.wait_for_load_state()
    journey.check(page)
    article = page.locator("main a", has_text="Çözüm Merkezi 2020'de").first
    title = article.inner_text().strip()
    article.click()
    page.wait_for_load_state()
    journey.check(page)
    assert page.locator("h1").inner_text().strip() == title
    assert page.locator("main time").count() >= 1  # when

    # An assembly page, its news, and one click back to the assembly.
    page.goto(journey.url("/meclisler/kadin-meclisi/"))
    journey.check(page)
    news = page.locator("main a", has_text="yeni projeler hazırlıyor").first
    news_title = news.inner_text().strip()
    news.click()
    page.wait_for_load_state()
    journey.check(page)
    assert page.locator("h1").inner_text().strip() == news_title
    page.locator("main").get_by_role("link", name="Kadın Meclisi").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/meclisler/kadin-meclisi/")


@pytest.mark.parametrize("width", WIDTHS)
def test_find_and_attend_an_event(journey, width):
    # The information meeting is full: the citizen is told her place on the waitlist.
    meeting = EventPage.objects.get(title=MEETING)
    EventPage.objects.filter(pk=meeting.pk).update(capacity=1)
    Registration.objects.create(event=meeting, user=UserFactory(), status="confirmed", code="AAAAAA")

    page = journey.open(CITIZEN, width, path="/etkinlikler/")
    journey.check(page)
    if width == DESKTOP:
        assert page.locator("table.month thead").is_visible()  # a month grid on a desktop
    else:
        assert not page.locator("table.month thead").is_visible()  # a list of days on a phone

    page.get_by_label("Meclis").select_option(label="Kadın Meclisi")
    with page.expect_navigation():
        page.get_by_role("button", name="Göster").click()
    journey.check(page)
    # The assembly's feed, which calendar applications subscribe to.
    feed = page.get_by_role("link", name="Takvim adresi (iCalendar)").get_attribute("href")
    response = page.request.get(journey.url(feed))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    assert WORKSHOP in [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")]
    assert (
        page.get_by_role("link", name="Takvim uygulamanızda abone olun").get_attribute("href").startswith("webcal://")
    )
    upcoming = page.locator("ul.occurrences").last
    assert upcoming.get_by_role("link", name=WORKSHOP).count() == 1  # a weekly workshop listed once
    assert "Her hafta" in upcoming.inner_text()
    upcoming.get_by_role("link", name=WORKSHOP).click()
    page.wait_for_load_state()
    journey.check(page)

    # A repeating event: choose the date, then one click registers.
    second = page.locator("input[name=tarih]").nth(1)
    chosen = datetime.date.fromisoformat(second.get_attribute("value"))
    label = page.locator(f"label[for={second.get_attribute('id')}]").inner_text().split(" · ")[0]
    second.check()
    with page.expect_navigation():
        page.locator("#kayit").get_by_role("button", name="Kayıt ol").click()
    journey.check(page)
    registration = Registration.objects.get(user__email=CITIZEN, event__title=WORKSHOP)
    assert registration.status == "confirmed" and registration.occurrence_date == chosen
    box = page.locator("#kayit").inner_text()
    assert registration.code in box and label.split(",")[0] in box  # place held, for the date chosen

    # The .ics calendar apps accept.
    href = page.get_by_role("link", name="indirin (.ics)").get_attribute("href")
    response = page.request.get(journey.url(href))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    vevent = next(c for c in icalendar.Calendar.from_ical(response.body()).walk("VEVENT"))
    assert str(vevent["SUMMARY"]) == WORKSHOP and "RRULE" in vevent

    # The full meeting: a place on the waitlist, and its number.
    page.goto(journey.url(meeting.url))
    journey.check(page)
    with page.expect_navigation():
        page.locator("#kayit").get_by_role("button", name="Bekleme listesine katıl").click()
    journey.check(page)
    assert "Bekleme listesinde 1. sıradasınız" in page.locator("#kayit").inner_text()

    page.locator("#kayit").get_by_role("link", name="Etkinlik kayıtlarım").click()
    page.wait_for_load_state()
    journey.check(page)
    rows = page.locator("tbody tr")
    workshop_row = rows.filter(has_text=WORKSHOP)
    assert registration.code in workshop_row.inner_text() and label.split(",")[0] in workshop_row.inner_text()
    assert "Bekleme listesinde, 1. sırada" in rows.filter(has_text="Sokak hayvanları").inner_text()

    with page.expect_navigation():
        workshop_row.get_by_role("button", name="Vazgeç").click()
    journey.check(page)
    assert "Kaydınız iptal edildi" in page.content()
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    assert page.locator("tbody tr", has_text=WORKSHOP).count() == 0
