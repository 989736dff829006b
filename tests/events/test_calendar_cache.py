"""The calendar's grid and lists are kept as HTML until a page is published; what varies by address stays apart."""

import datetime

import pytest
from django.utils import timezone

from events import recurrence
from tests.events.conftest import make_event
from tests.queries import page_and_queries


def soon(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return recurrence.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))


@pytest.mark.django_db
def test_the_calendar_is_kept_until_an_event_is_published(client, calendar_page):
    make_event(calendar_page, title="Kadın Meclisi toplantısı", starts_at=soon(2))
    page_and_queries(client, calendar_page.url)
    page_and_queries(client, calendar_page.url)  # (the first request also made the site's settings row: a new version)
    html, queries = page_and_queries(client, calendar_page.url)
    assert "Kadın Meclisi toplantısı" in html
    assert not any("events_eventpage" in sql for sql in queries)

    make_event(calendar_page, title="Gençlik Meclisi atölyesi", starts_at=soon(3))
    html, _queries = page_and_queries(client, calendar_page.url)
    assert "Gençlik Meclisi atölyesi" in html and "Kadın Meclisi toplantısı" in html


@pytest.mark.django_db
def test_each_month_and_filter_is_kept_apart(client, calendar_page):
    make_event(calendar_page, title="Kış şenliği", starts_at=recurrence.make_aware(datetime.datetime(2027, 1, 9, 11)))
    january = page_and_queries(client, calendar_page.url + "?ay=2027-01")[0]
    february = page_and_queries(client, calendar_page.url + "?ay=2027-02")[0]
    assert "Ocak 2027" in january and "Şubat 2027" in february
    assert "Kış şenliği" in january.split("<table")[1].split("</table>")[0]
    assert "Kış şenliği" not in february.split("<table")[1].split("</table>")[0]
