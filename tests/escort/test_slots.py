"""Capacity per hour from the roster, closed days, and the nearest free hours offered for a full one."""

import datetime

import pytest

from escort import slots
from escort.models import Booking, RosterException
from tests.escort.conftest import TODAY, TUESDAY, booking

pytestmark = pytest.mark.django_db


def test_capacity_comes_from_the_roster_and_its_exceptions(roster, offices, settings):
    settings.ESCORT_DEFAULT_ESCORTS = 5
    RosterException.objects.create(date=TUESDAY, hour=11, escorts=3, reason="Eğitim")
    wednesday = TUESDAY + datetime.timedelta(days=1)
    RosterException.objects.create(date=wednesday, escorts=0, reason="Personel toplantısı")
    booking(offices[0], hour=10)
    booking(offices[0], hour=10, status=Booking.Status.CANCELLED)  # holds no escort
    found = {(slot.date, slot.hour): slot for slot in slots.slots([TUESDAY, wednesday])}
    assert found[(TUESDAY, 9)].capacity == 1
    assert (found[(TUESDAY, 10)].capacity, found[(TUESDAY, 10)].free) == (2, 1)
    assert found[(TUESDAY, 11)].capacity == 3
    assert all(found[(wednesday, hour)].is_full for hour in range(9, 17))


def test_an_hour_without_a_roster_row_has_the_default(offices, settings):
    settings.ESCORT_DEFAULT_ESCORTS = 4
    assert slots.slot(TUESDAY, 9).capacity == 4


def test_weekends_and_public_holidays_are_not_offered():
    # 23 April (National Sovereignty and Children's Day) 2026 is a Thursday.
    days = slots.booking_days(datetime.date(2026, 4, 21))
    assert datetime.date(2026, 4, 23) not in days
    assert datetime.date(2026, 4, 25) not in days  # Saturday
    assert days[:3] == [datetime.date(2026, 4, 22), datetime.date(2026, 4, 24), datetime.date(2026, 4, 27)]
    assert len(days) == 14


def test_a_full_slot_offers_the_nearest_free_ones(roster, offices):
    window = slots.booking_days(TODAY)
    booking(offices[0], hour=11)
    booking(offices[0], hour=12)
    booking(offices[0], hour=9)
    offers = slots.nearest_free(TUESDAY, 11, window)
    assert [(offer.date, offer.hour) for offer in offers] == [(TUESDAY, 10), (TUESDAY, 13), (TUESDAY, 14)]


def test_booking_a_full_slot_raises_with_the_offers(roster, offices):
    window = slots.booking_days(TODAY)
    booking(offices[0], hour=9)
    with pytest.raises(slots.SlotFull) as full:
        slots.book(date=TUESDAY, hour=9, window=window, office=offices[0], visitor_name="Mehmet Kaya")
    assert [(offer.date, offer.hour) for offer in full.value.alternatives][0] == (TUESDAY, 10)
    assert Booking.objects.filter(date=TUESDAY, hour=9).count() == 1


def test_a_day_full_from_morning_to_evening_offers_the_next_day(roster, offices):
    for hour in range(9, 17):
        for _ in range(2 if hour == 10 else 1):
            booking(offices[0], hour=hour)
    offers = slots.nearest_free(TUESDAY, 15, slots.booking_days(TODAY))
    wednesday = TUESDAY + datetime.timedelta(days=1)
    assert [(offer.date, offer.hour) for offer in offers] == [(wednesday, 9), (wednesday, 10), (wednesday, 11)]


def test_the_slots_of_the_whole_window_cost_three_queries(roster, offices, django_assert_max_num_queries):
    booking(offices[0])
    window = slots.booking_days(TODAY)
    with django_assert_max_num_queries(3):
        assert len(slots.slots(window)) == 14 * 8
