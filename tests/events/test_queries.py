"""The signed-in person's own event pages run a fixed number of queries, however many places they hold."""

import datetime

import pytest
from django.utils import timezone

from events import registrations
from tests.events.conftest import make_event
from tests.factories import UserFactory


def register_for(calendar_page, person, ahead, count, start):
    """`count` more events with one place each: `person` has the place at even ones, waits behind `ahead` at odd ones."""
    for number in range(start, start + count):
        event = make_event(
            calendar_page,
            title=f"Atölye {number}",
            starts_at=timezone.now() + datetime.timedelta(days=number + 1),
            registration="signed_in",
            capacity=1,
        )
        if number % 2:
            registrations.register(event, ahead)
        registrations.register(event, person)


@pytest.mark.django_db
def test_my_event_registrations_queries_do_not_grow_with_registrations(
    client, calendar_page, user, django_assert_max_num_queries
):
    ahead = UserFactory()
    client.force_login(user)
    register_for(calendar_page, user, ahead, 2, start=0)
    client.get("/accounts/events/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(15) as queries:
        assert "Bekleme listesinde, 1. sırada" in client.get("/accounts/events/").content.decode()
    few = len(queries)  # now: the next request empties the log it reads
    register_for(calendar_page, user, ahead, 10, start=2)
    client.get("/accounts/events/")  # first the caches that live across requests (new pages empty some)
    with django_assert_max_num_queries(few):
        page = client.get("/accounts/events/").content.decode()
    assert page.count("Bekleme listesinde, 1. sırada") == 6 and page.count("Atölye") >= 12


@pytest.mark.django_db
def test_the_calendar_signed_in_queries_do_not_grow_with_registrations(
    client, calendar_page, user, django_assert_max_num_queries
):
    ahead = UserFactory()
    client.force_login(user)
    register_for(calendar_page, user, ahead, 2, start=0)
    client.get("/etkinlikler/")  # first the caches that live across requests (new pages empty some)
    # 21 here where bench/queries.py counts 15 on the demo's calendar signed in, the difference not yet accounted
    # for; the test guards the count against growing with the person's registrations.
    with django_assert_max_num_queries(21) as queries:
        client.get("/etkinlikler/")
    few = len(queries)  # now: the next request empties the log it reads
    register_for(calendar_page, user, ahead, 10, start=2)
    client.get("/etkinlikler/")
    with django_assert_max_num_queries(few):
        page = client.get("/etkinlikler/").content.decode()
    assert "Atölye 11" in page
