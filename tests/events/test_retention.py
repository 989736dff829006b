"""Events' retention: registrations are deleted a period after the date they were for."""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from operations import retention
from tests.events.conftest import make_event
from tests.factories import UserFactory

NOW = timezone.now()


def registration(event, user, occurrence_date=None):
    return Registration.objects.create(
        event=event,
        user=user,
        status=Registration.Status.CONFIRMED,
        code=f"K{user.pk:05d}",
        occurrence_date=occurrence_date,
    )


@pytest.fixture
def places(calendar_page):
    long_ago = make_event(calendar_page, title="Eski toplantı", starts_at=NOW - datetime.timedelta(days=400))
    recent = make_event(calendar_page, title="Yakın toplantı", starts_at=NOW - datetime.timedelta(days=30))
    # Planned long ago, postponed to next month: its places stay.
    postponed = make_event(calendar_page, title="Ertelenen toplantı", starts_at=NOW + datetime.timedelta(days=30))
    people = [UserFactory() for _ in range(3)]
    return {
        "old": [registration(long_ago, person) for person in people],
        "old_dated": registration(recent, UserFactory(), (NOW - datetime.timedelta(days=30)).date()),
        "recent": registration(recent, people[0]),
        "postponed": registration(postponed, people[0], (NOW - datetime.timedelta(days=400)).date()),
    }


def test_places_at_events_long_past_are_deleted_and_no_others(places):
    assert retention.apply(dry_run=True, now=NOW).counts["event_registrations"] == 3
    assert Registration.objects.count() == 6

    assert retention.apply(now=NOW).counts["event_registrations"] == 3

    assert not Registration.objects.filter(pk__in=[r.pk for r in places["old"]]).exists()
    assert Registration.objects.count() == 3
    assert retention.apply(now=NOW).counts["event_registrations"] == 0


def test_a_place_for_a_date_long_past_goes_even_if_the_event_is_recent(places, settings):
    settings.RETENTION_EVENT_REGISTRATION_DAYS = 10
    assert retention.apply(now=NOW).counts["event_registrations"] == 5
    assert list(Registration.objects.values_list("pk", flat=True)) == [places["postponed"].pk]
