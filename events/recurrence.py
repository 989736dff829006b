"""Occurrences of events: one for a single event, every repetition of a recurring one.

Repetitions keep the wall-clock time in Istanbul (18:30 stays 18:30 across the
daylight-saving changes Turkey had until 2016), which is what RFC 5545 asks of an
RRULE whose DTSTART has a TZID, so the site and calendar applications agree.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule
from django.conf import settings

ISTANBUL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
FREQUENCIES = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# Far enough for any calendar page; recurring events without an end stop being expanded here.
HORIZON = datetime.timedelta(days=3 * 366)


@dataclass
class Occurrence:
    event: object
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    original_start: datetime.datetime  # where the rule put it (differs from starts_at when moved)
    cancelled: bool = False
    moved: bool = False

    @property
    def status(self):
        if self.cancelled or self.event.status == "cancelled":
            return "cancelled"
        return self.event.status

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    @property
    def series_date(self):
        """The date the rule put it on: what names this repetition (an exception's or a registration's date)."""
        return self.original_start.astimezone(ISTANBUL).date()

    @property
    def local_date(self):
        return self.starts_at.astimezone(ISTANBUL).date()

    @property
    def multi_day(self):
        return self.ends_at.astimezone(ISTANBUL).date() > self.local_date


def local(moment):
    return moment.astimezone(ISTANBUL)


def make_aware(naive):
    """An Istanbul wall-clock time as an aware datetime."""
    return naive.replace(tzinfo=ISTANBUL)


def until_bound(event):
    """The last local moment the series may start, from its end date (inclusive)."""
    if event.repeat_until is None:
        return None
    return datetime.datetime.combine(event.repeat_until, datetime.time(23, 59, 59))


def rule_for(event):
    """The dateutil rule of a recurring event, in naive Istanbul wall-clock time; None if it does not repeat."""
    if event.repeat == "none" or not event.repeat:
        return None
    start = local(event.starts_at).replace(tzinfo=None)
    kwargs = {"dtstart": start, "interval": max(1, event.repeat_interval or 1)}
    if event.repeat == "weekly":
        days = event.repeat_weekdays or [WEEKDAYS[start.weekday()]]
        kwargs["byweekday"] = [getattr(rrule, day) for day in days]
    if event.repeat_count:
        kwargs["count"] = event.repeat_count
    elif event.repeat_until:
        kwargs["until"] = until_bound(event)
    return rrule.rrule(FREQUENCIES[event.repeat], **kwargs)


def occurrences(event, window_start, window_end, exceptions=None):
    """The event's occurrences that overlap [window_start, window_end), in time order.

    `exceptions` are the event's EventException rows (a cancelled or moved
    repetition, named by the date it was due on); pass them prefetched.
    """
    duration = event.ends_at - event.starts_at
    rule = rule_for(event)
    if rule is None:
        if event.starts_at < window_end and event.ends_at > window_start:
            return [Occurrence(event, event.starts_at, event.ends_at, event.starts_at)]
        return []
    if exceptions is None:
        exceptions = list(event.exceptions.all())
    start_time = local(event.starts_at).time().replace(tzinfo=None)

    def key(exception):
        return datetime.datetime.combine(exception.occurrence_date, start_time)

    by_original = {key(exception): exception for exception in exceptions}
    found = []
    # Look back far enough that an occurrence starting before the window but still running is seen.
    search_from = local(window_start - duration).replace(tzinfo=None) - datetime.timedelta(days=1)
    search_to = local(window_end).replace(tzinfo=None)
    for naive in rule.between(search_from, search_to, inc=True):
        original = make_aware(naive)
        exception = by_original.get(naive)
        starts_at, ends_at = original, original + duration
        moved = cancelled = False
        if exception is not None:
            if exception.action == "cancelled":
                cancelled = True
            else:
                starts_at, ends_at, moved = exception.new_starts_at, exception.new_ends_at, True
        if starts_at < window_end and ends_at > window_start:
            found.append(Occurrence(event, starts_at, ends_at, original, cancelled=cancelled, moved=moved))
    # A repetition moved into the window from outside the searched range.
    for exception in exceptions:
        if (
            exception.action == "moved"
            and exception.new_starts_at < window_end
            and exception.new_ends_at > window_start
        ):
            original = make_aware(key(exception))
            if not any(o.original_start == original for o in found) and _is_in_rule(rule, key(exception)):
                found.append(Occurrence(event, exception.new_starts_at, exception.new_ends_at, original, moved=True))
    return sorted(found, key=lambda o: o.starts_at)


def occurrence_on(event, series_date, exceptions=None):
    """The occurrence the event has on `series_date` (a date of its rule, as EventException names it), or None."""
    rule = rule_for(event)
    if rule is None:
        if local(event.starts_at).date() != series_date:
            return None
        return Occurrence(event, event.starts_at, event.ends_at, event.starts_at)
    naive = datetime.datetime.combine(series_date, local(event.starts_at).time().replace(tzinfo=None))
    if not _is_in_rule(rule, naive):
        return None
    if exceptions is None:
        exceptions = list(event.exceptions.all())
    original = make_aware(naive)
    duration = event.ends_at - event.starts_at
    for exception in exceptions:
        if exception.occurrence_date == series_date:
            if exception.action == "cancelled":
                return Occurrence(event, original, original + duration, original, cancelled=True)
            return Occurrence(event, exception.new_starts_at, exception.new_ends_at, original, moved=True)
    return Occurrence(event, original, original + duration, original)


def _is_in_rule(rule, naive):
    return rule.between(naive - datetime.timedelta(seconds=1), naive + datetime.timedelta(seconds=1), inc=True) != []


def series_end(event):
    """When the last repetition begins (None for a series without an end)."""
    rule = rule_for(event)
    if rule is None:
        return event.starts_at
    if event.repeat_count or event.repeat_until:
        starts = list(rule)  # bounded by the count or the end date
        return make_aware(starts[-1]) if starts else event.starts_at
    return None
