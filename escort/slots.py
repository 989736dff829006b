"""Which hours can still be booked: the roster's escorts per hour, less the bookings already held.

Capacity of a slot (a day and an hour): a roster exception for that hour, else one for the whole day, else the
roster's row for the weekday and hour, else `ESCORT_DEFAULT_ESCORTS`. Weekends and public holidays are closed
(`config.working_days`). Everything here costs a fixed number of queries for the whole booking window.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from config.working_days import holiday_name, is_working_day
from escort.models import Booking, RosterException, SlotCapacity, default_escorts, hours

DEFAULT_BOOKING_DAYS = 14


class SlotFull(Exception):
    """The slot has no escort left; `alternatives` are the nearest free slots."""

    def __init__(self, alternatives):
        super().__init__("slot full")
        self.alternatives = alternatives


@dataclass(frozen=True)
class Slot:
    date: datetime.date
    hour: int
    capacity: int
    booked: int

    @property
    def free(self):
        return max(self.capacity - self.booked, 0)

    @property
    def is_full(self):
        return self.free == 0

    @property
    def value(self):
        """The slot as a form sends it: 2026-12-08T10."""
        return f"{self.date.isoformat()}T{self.hour}"

    @property
    def label(self):
        return f"{self.hour:02d}:00–{self.hour + 1:02d}:00"


def parse(value):
    """(date, hour) from "2026-12-08T10", or None."""
    day, _sep, hour = (value or "").partition("T")
    try:
        return datetime.date.fromisoformat(day), int(hour)
    except ValueError:
        return None


def booking_days(today=None):
    """The next working days bookings are taken for (from tomorrow: the unit plans its day the evening before)."""
    today = today or timezone.localdate()
    count = int(getattr(settings, "ESCORT_BOOKING_DAYS", DEFAULT_BOOKING_DAYS))
    days, day = [], today
    while len(days) < count:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return days


def is_open(day):
    return is_working_day(day)


def closed_reason(day):
    return holiday_name(day) or ""


def slots(days):
    """Every slot of `days` in order, with its capacity and bookings: three queries whatever the number of days."""
    days = [day for day in days if is_open(day)]
    if not days:
        return []
    roster = {(row.weekday, row.hour): row.escorts for row in SlotCapacity.objects.all()}
    exceptions = {(row.date, row.hour): row.escorts for row in RosterException.objects.filter(date__in=days)}
    booked = {
        (row["date"], row["hour"]): row["count"]
        for row in Booking.objects.active().filter(date__in=days).values("date", "hour").annotate(count=Count("pk"))
    }
    default = default_escorts()
    found = []
    for day in sorted(days):
        for hour in hours():
            if (day, hour) in exceptions:
                capacity = exceptions[(day, hour)]
            elif (day, None) in exceptions:
                capacity = exceptions[(day, None)]
            else:
                capacity = roster.get((day.weekday(), hour), default)
            found.append(Slot(day, hour, capacity, booked.get((day, hour), 0)))
    return found


def slot(day, hour):
    return next((found for found in slots([day]) if found.hour == hour), None)


def nearest_free(day, hour, window=None, count=3):
    """The free slots nearest to (`day`, `hour`) within `window` (the booking days): the same day's nearest hours
    first, then the following days' earliest, then earlier days' (a later day is what people usually accept)."""
    window = window if window is not None else booking_days()
    free = [found for found in slots(window) if not found.is_full and (found.date, found.hour) != (day, hour)]

    def distance(found):
        if found.date == day:
            return (0, abs(found.hour - hour), found.hour)
        if found.date > day:
            return (1, (found.date - day).days, found.hour)
        return (2, (day - found.date).days, found.hour)

    return sorted(free, key=distance)[:count]


def book(*, date, hour, window=None, **fields):
    """Keep a booking in (`date`, `hour`) if an escort is left; else raise SlotFull with the nearest free slots.

    The roster's row of the slot's weekday and hour is locked while counting (PostgreSQL), so two people taking
    the last escort of an hour at once get one booking and one offer of other hours.
    """
    with transaction.atomic():
        list(SlotCapacity.objects.select_for_update().filter(weekday=date.weekday(), hour=hour))
        found = slot(date, hour) if is_open(date) and hour in hours() else None
        if found is None or found.is_full:
            raise SlotFull(nearest_free(date, hour, window))
        return Booking.objects.create(date=date, hour=hour, **fields)
