"""Danışma ve Refakat: a visitor books an escort on a phone with the keyboard alone, and the escort meets them.

From the issue: a full hour offers the nearest free ones; the visitor takes one and gets a code; on the day
the escort sees the booking on a phone (390 px) and marks the visitor met.
"""

import re

from django.utils import timezone, translation
from django.utils.formats import date_format

from escort import slots
from escort.demo import ESCORT_USER
from escort.models import Booking, Office
from tests.e2e.journeys.conftest import DESKTOP, PHONE
from tests.e2e.journeys.test_call_centre import CALL_CENTRE, check
from tests.e2e.test_join import focused_text, tab_to


def fill_lunch_hour(day):
    """The first booking day's 12:00 taken: one escort is on duty over lunch in the demo's roster."""
    office = Office.objects.first()
    for _ in range(slots.slot(day, 12).free):
        Booking.objects.create(date=day, hour=12, office=office, visitor_name="Dolu Saat", phone="+905320000000")


def book(page, hour, need, name, phone):
    """The booking form filled as a person does with a mouse (the first office), consent given, and sent."""
    page.get_by_label(hour).check()
    page.locator("#id_office input").first.check()
    page.get_by_label(need).check()
    page.get_by_label("Ziyaretçinin adı ve soyadı").fill(name)
    page.get_by_label("Ziyaret günü ulaşılacak telefon").fill(phone)
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Randevuyu al").click()


def test_a_visitor_books_with_the_keyboard_takes_the_offered_hour_and_is_met(journey):
    day = slots.booking_days()[0]
    fill_lunch_hour(day)
    with translation.override("tr"):
        day_label = date_format(day, "l, j F")
    page = journey.open(width=PHONE, path="/refakat/")
    journey.check(page)
    tab_to(page, day_label)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    journey.check(page)
    tab_to(page, "09:00–10:00")
    for _ in range(3):  # the arrows move through the hours: 10, 11, 12 (full)
        page.keyboard.press("ArrowRight")
    assert page.get_by_label("12:00–13:00 (dolu)").is_checked()
    page.keyboard.press("Tab")  # on to the offices, the first one focused
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert focused_text(page).startswith("Çözüm Merkezi")
    tab_to(page, "Tekerlekli sandalye")
    page.keyboard.press("Space")
    tab_to(page, "Ziyaretçinin adı ve soyadı")
    page.keyboard.type("Hatice Arslan")
    tab_to(page, "Ziyaret günü ulaşılacak telefon")
    page.keyboard.type("0532 765 43 21")
    tab_to(page, "açık rıza veriyorum")
    page.keyboard.press("Space")
    tab_to(page, "Randevuyu al")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Bu saat dolu.").is_visible()
    assert page.get_by_text("En yakın boş saatler:").is_visible()
    journey.check(page)
    assert page.get_by_label("Ziyaretçinin adı ve soyadı").input_value() == "Hatice Arslan"  # nothing typed is lost
    offer = page.locator(".escort-offer").first.inner_text().strip()
    tab_to(page, offer)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    code = page.locator("#booking-code").inner_text().strip()
    journey.check(page)
    booking = Booking.objects.get(code=code)
    assert (booking.visitor_name, booking.need_wheelchair) == ("Hatice Arslan", True)
    assert booking.hour != 12 and booking.phone == "+905327654321"

    # The day of the visit: the escort's phone shows it among today's bookings.
    Booking.objects.filter(pk=booking.pk).update(date=timezone.localdate())
    escort = journey.open(email=ESCORT_USER[0], width=PHONE, path="/refakat/gunluk/")
    journey.check(escort)
    visit = escort.locator(f"#booking-{booking.pk}")
    assert "Hatice Arslan" in visit.inner_text() and "Tekerlekli sandalye" in visit.inner_text()
    visit.get_by_label("Karşılandı").check()
    visit.get_by_label("Sonuç").fill("Çözüm Merkezi'ne götürüldü, başvurusu alındı.")
    with escort.expect_navigation():
        visit.get_by_role("button", name="Hatice Arslan için kaydet").click()
    journey.check(escort)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.MET and booking.escort.email == ESCORT_USER[0]


def test_a_visitor_books_on_a_desktop_and_the_call_centre_books_for_a_caller(journey):
    """The booking at 1280 px with the mouse, and the call centre's booking in the admin with the same form."""
    day = slots.booking_days()[1]
    with translation.override("tr"):
        day_label = date_format(day, "l, j F")
    page = journey.open(width=DESKTOP, path="/refakat/")
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=day_label).click()
    journey.check(page)
    book(page, "10:00–11:00", "İşaret dili", "Kemal Öztürk", "0533 222 11 00")
    journey.check(page)
    booking = Booking.objects.get(code=page.locator("#booking-code").inner_text().strip())
    assert (booking.date, booking.hour, booking.need_sign_language) == (day, 10, True)

    clerk = journey.open(CALL_CENTRE, DESKTOP, path="/admin/escort/book/")
    check(journey, clerk)
    with clerk.expect_navigation():
        clerk.get_by_role("link", name=re.compile(re.escape(day_label))).click()
    check(journey, clerk)
    book(clerk, "11:00–12:00", "Okuma-yazma", "Osman Çetin", "0532 111 22 33")
    check(journey, clerk)
    code = re.search(r"Kodu arayana okuyun: (\w+)", clerk.locator(".help-block[role=status]").inner_text()).group(1)
    taken = Booking.objects.get(code=code)
    assert (taken.visitor_name, taken.hour, taken.need_reading_writing) == ("Osman Çetin", 11, True)
    assert taken.booked_by == Booking.BookedBy.CALL_CENTRE
