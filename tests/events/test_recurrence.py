"""Repetitions keep Istanbul's wall-clock time through the daylight-saving changes Turkey had until 2016."""

import datetime

import pytest

from events import recurrence
from events.models import EventException
from tests.events.conftest import at, make_event

UTC = datetime.UTC


@pytest.fixture
def weekly_2015(calendar_page):
    """Every Monday 18:30 from January 2015 to the end of 2016: across three offset changes."""
    return make_event(
        calendar_page,
        title="Haftalık toplantı",
        starts_at=at(2015, 1, 5, 18, 30),
        repeat="weekly",
        repeat_until=datetime.date(2016, 12, 31),
        exceptions=[
            EventException(occurrence_date=datetime.date(2015, 6, 1), action="cancelled"),
            EventException(
                occurrence_date=datetime.date(2016, 10, 3),
                action="moved",
                new_starts_at=at(2016, 10, 5, 10, 0),
                new_ends_at=at(2016, 10, 5, 12, 0),
            ),
        ],
    )


@pytest.mark.django_db
def test_the_wall_clock_time_holds_while_the_utc_offset_changes(weekly_2015):
    found = recurrence.occurrences(weekly_2015, at(2015, 1, 1), at(2017, 1, 1))
    assert {recurrence.local(o.starts_at).strftime("%A %H:%M") for o in found if not o.moved} == {"Monday 18:30"}
    in_utc = {o.local_date: o.starts_at.astimezone(UTC).strftime("%H:%M") for o in found}
    assert in_utc[datetime.date(2015, 1, 12)] == "16:30"  # winter 2015: UTC+2
    assert in_utc[datetime.date(2015, 3, 23)] == "16:30"  # Turkey moved the 2015 change to 29 March
    assert in_utc[datetime.date(2015, 3, 30)] == "15:30"  # summer: UTC+3
    assert in_utc[datetime.date(2015, 11, 2)] == "15:30"  # summer time lasted until 8 November 2015
    assert in_utc[datetime.date(2015, 11, 9)] == "16:30"
    assert in_utc[datetime.date(2016, 12, 26)] == "15:30"  # UTC+3 all year from September 2016
    assert len(found) == 104  # 105 Mondays, one cancelled... and one moved


@pytest.mark.django_db
def test_cancelled_and_moved_repetitions(weekly_2015):
    found = recurrence.occurrences(weekly_2015, at(2015, 5, 25), at(2015, 6, 9))
    assert [(o.local_date, o.is_cancelled) for o in found] == [
        (datetime.date(2015, 5, 25), False),
        (datetime.date(2015, 6, 1), True),
        (datetime.date(2015, 6, 8), False),
    ]
    moved = recurrence.occurrences(weekly_2015, at(2016, 10, 3), at(2016, 10, 4))
    assert moved == []  # nothing happens on the original date
    moved = recurrence.occurrences(weekly_2015, at(2016, 10, 5), at(2016, 10, 6))
    assert [(recurrence.local(o.starts_at).strftime("%d %H:%M"), o.moved) for o in moved] == [("05 10:00", True)]


@pytest.mark.django_db
def test_series_end_by_count_and_the_weekday_rule(calendar_page):
    event = make_event(
        calendar_page, starts_at=at(2026, 12, 1, 10), repeat="weekly", repeat_weekdays=["TH"], repeat_count=5
    )
    assert event.repeat_weekdays == ["TU", "TH"]  # the first date's weekday is always one of them
    found = recurrence.occurrences(event, at(2026, 1, 1), at(2028, 1, 1))
    assert [o.local_date.isoformat() for o in found] == [
        "2026-12-01",
        "2026-12-03",
        "2026-12-08",
        "2026-12-10",
        "2026-12-15",
    ]
    assert event.series_ends_at == at(2026, 12, 15, 12)


@pytest.mark.django_db
def test_monthly_series_skips_months_without_the_day_as_rfc_5545_does(calendar_page):
    event = make_event(calendar_page, starts_at=at(2027, 1, 31, 10), repeat="monthly", repeat_count=4)
    found = recurrence.occurrences(event, at(2027, 1, 1), at(2028, 1, 1))
    assert [o.local_date.isoformat() for o in found] == ["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"]


@pytest.mark.django_db
def test_all_day_events_cover_whole_local_days(calendar_page):
    event = make_event(
        calendar_page, starts_at=at(2027, 7, 15, 9), ends_at=at(2027, 7, 15, 9), all_day=True, repeat="yearly"
    )
    assert (event.starts_at, event.ends_at) == (at(2027, 7, 15), at(2027, 7, 16))
    found = recurrence.occurrences(event, at(2027, 1, 1), at(2030, 1, 1))
    assert [o.local_date.isoformat() for o in found] == ["2027-07-15", "2028-07-15", "2029-07-15"]


@pytest.mark.django_db
def test_validation_messages(calendar_page):
    from django.core.exceptions import ValidationError

    from events.models import EventPage

    event = EventPage(
        title="x",
        summary="x",
        starts_at=at(2027, 1, 2, 10),
        ends_at=at(2027, 1, 1, 10),
        repeat="weekly",
        repeat_count=3,
        repeat_until=datetime.date(2027, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert set(error.value.message_dict) == {"ends_at", "repeat_count"}
    assert error.value.message_dict["ends_at"] == ["Etkinlik başlamadan bitemez."]
