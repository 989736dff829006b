"""Calendar feeds and the month page at scale.

    .venv/bin/python bench/events.py [--events 5000] [--recurring 500]

Builds the demo site in a throwaway database, adds `--events` events spread over
a year and the assemblies (`--recurring` of them weekly series), then prints:
the time to build the full feed (median of 10 requests through Django's test
client), the time to answer a revalidation with 304, and the queries of the
month page with 50 events and with all of them. Targets (issue 4): feed
≤ 0.5 s, 304 ≤ 10 ms, the same number of queries at 50 and at 5,000 events.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--recurring", type=int, default=500)
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from assemblies.models import AssemblyPage
    from events import recurrence
    from events.models import CalendarPage, EventPage

    calendar = CalendarPage.objects.get(locale__language_code="tr")
    parents = [calendar, *AssemblyPage.objects.filter(locale__language_code="tr")]
    month = timezone.localdate().replace(day=1)
    client = Client()

    def add_events(count, recurring, offset):
        now = timezone.now()
        for number in range(offset, offset + count):
            day = month + datetime.timedelta(days=number % 365)
            starts_at = recurrence.make_aware(datetime.datetime.combine(day, datetime.time(10 + number % 9, 0)))
            event = EventPage(
                title=f"Etkinlik {number}",
                slug=f"etkinlik-{number}",
                summary="Kent Konseyi meclislerinin mahalle toplantısı.",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                venue_name="Kent Konseyi Salonu",
                venue_address="Atatürk Mahallesi, Ümraniye",
                repeat="weekly" if number < offset + recurring else "none",
                repeat_count=20 if number < offset + recurring else None,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            event.clean()
            parents[number % len(parents)].add_child(instance=event)

    def month_queries():
        client.get(f"/etkinlikler/?ay={month:%Y-%m}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/etkinlikler/?ay={month:%Y-%m}").status_code == 200
        return len(queries)

    started = time.perf_counter()
    add_events(50, 5, 0)
    small = month_queries()
    add_events(args.events - 50, args.recurring - 5, 50)
    if connection.vendor == "postgresql":
        # What autovacuum does on a live server after a bulk load: planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    large = month_queries()
    total = EventPage.objects.count()
    built = time.perf_counter() - started

    timings = []
    for _ in range(10):
        begin = time.perf_counter()
        response = client.get("/takvim.ics")
        timings.append(time.perf_counter() - begin)
    assert response.status_code == 200
    etag = response["ETag"]
    revalidations = []
    for _ in range(50):
        begin = time.perf_counter()
        not_modified = client.get("/takvim.ics", HTTP_IF_NONE_MATCH=etag)
        revalidations.append(time.perf_counter() - begin)
    assert not_modified.status_code == 304

    print(f"database: {connection.vendor}; {total} events ({args.recurring} weekly series) created in {built:.0f} s")
    print(f"feed: {len(response.content) / 1e6:.1f} MB, {response.content.count(b'BEGIN:VEVENT')} VEVENTs")
    print(f"feed build (median of 10):      {statistics.median(timings) * 1000:7.1f} ms   (target ≤ 500 ms)")
    print(f"304 revalidation (median of 50): {statistics.median(revalidations) * 1000:7.1f} ms   (target ≤ 10 ms)")
    print(f"month page queries: {small} with 50 events, {large} with {total}")


if __name__ == "__main__":
    main()
