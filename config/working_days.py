"""Working days: weekends and Turkish public holidays, religious ones included, are skipped (legal deadlines of
the case register, the escort unit's booking days).

The holidays come from the `holidays` package, which computes the bayrams from the
Hijri calendar for any year. Eves (arife) are half days and count as working days.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year):
    return holidays.Turkey(years=year, categories=(holidays.PUBLIC,))


def holiday_name(day):
    return _holidays(day.year).get(day)


def is_working_day(day):
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start, count):
    """The date `count` working days after `start` (the day of receipt itself is not counted)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def next_working_day(day):
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_calendar_days(start, count):
    """`count` days after `start`; a deadline that falls on a holiday or weekend moves to the next working day."""
    return next_working_day(start + datetime.timedelta(days=count))
