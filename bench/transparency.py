"""The transparency dashboard and its open data over 20,000 cases.

    .venv/bin/python bench/transparency.py

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL), files 20,000 cases over the
last year as the 2020 report spreads them (complaints.demo), a third of them public with residents' ratings, some
reopened and supported; then prints the figures the dashboard shows for the last twelve months and the time
(median of 5) to count them, to serve the dashboard with and without the cache, and to make each open-data file
the first time in a day and again from the cache.
"""

import datetime
import random
import statistics as stats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CASES = 20_000


def median_ms(action, times=5, before=None):
    timings = []
    for _ in range(times):
        if before:
            before()
        begin = time.perf_counter()
        action()
        timings.append(time.perf_counter() - begin)
    return stats.median(timings) * 1000


def main():
    from bench._setup import setup

    setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from complaints import demo, statistics
    from complaints.models import Case, CaseEvent, Supporter
    from transparency import open_data

    rng = random.Random(19)
    started = time.perf_counter()
    cases = demo.create_cases(CASES, rng=random.Random(2020))
    answered = [case for case in cases if case.answered_at]
    public = [case for case in cases if rng.random() < 0.35]
    for case in public:
        case.public_consent = True
        if rng.random() < 0.8:
            case.public_description = case.description
            case.moderated_at = timezone.now()
        if case.latitude is None:
            case.latitude, case.longitude = 41.0 + rng.random() / 20, 29.1 + rng.random() / 20
    for case in answered:
        if rng.random() < 0.4:
            case.satisfaction = rng.choice([1, 2, 3, 4, 4, 5, 5, 5])
    reopened = [case for case in answered if rng.random() < 0.05]
    for case in reopened:
        case.reopen_count = 1
    Case.objects.bulk_update(
        cases,
        [
            "public_consent",
            "public_description",
            "moderated_at",
            "latitude",
            "longitude",
            "satisfaction",
            "reopen_count",
        ],
        batch_size=2000,
    )
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(case=case, at=case.answered_at + datetime.timedelta(days=2), action=CaseEvent.Action.REOPENED)
            for case in reopened
        ]
    )
    Supporter.objects.bulk_create(
        [Supporter(case=case, name="Destekçi", consent_at=timezone.now()) for case in public if rng.random() < 0.1]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; {CASES:,} cases ({len(public):,} public, {len(reopened):,} reopened) "
        f"loaded in {time.perf_counter() - started:.0f} s"
    )

    today = timezone.localdate()
    first = today - datetime.timedelta(days=364)
    query = {"start": first.isoformat(), "end": today.isoformat()}
    report = statistics.report(first, today)
    print(f"\nThe dashboard's figures, {first:%d.%m.%Y}–{today:%d.%m.%Y}: {report.total:,} cases")
    for key in ("channels", "topics", "social"):
        table = report.table(key)
        print(f"  {table.title}: " + "; ".join(f"{row[0]} {row[1]:,}" for row in table.rows[:4]) + " …")
    places = sorted(report.table("neighbourhoods").rows, key=lambda row: -row[1])
    print("  mahalleler, most first: " + "; ".join(f"{name} {count:,}" for name, count in places[:5]) + " …")
    answering = report.table("answering")
    print("  " + " | ".join(str(column) for column in answering.columns))
    for row in answering.rows:
        print("  " + " | ".join("–" if value is None else str(value) for value in row))

    client = Client()
    client.get("/seffaflik/", query)  # the page's chrome warmed, as on a running site
    figures = median_ms(lambda: statistics.report(first, today))
    uncached = median_ms(lambda: client.get("/seffaflik/", query), before=lambda: cache.delete_many(_report_keys()))
    cached = median_ms(lambda: client.get("/seffaflik/", query))
    print(f"\ncount every table (complaints.statistics):  {figures:7.0f} ms")
    print(f"dashboard, figures not in the cache:         {uncached:7.0f} ms")
    print(f"dashboard, figures from the cache:           {cached:7.0f} ms")
    for slug, period, extension in [
        ("reports", "all", "json"),
        ("reports", "all", "csv"),
        ("answering", "all", "csv"),
        ("neighbourhoods", str(today.year), "json"),
    ]:
        url = f"/seffaflik/veri/{slug}-{period}.{extension}"
        made = median_ms(lambda url=url: client.get(url), times=3, before=cache.clear)
        size = len(client.get(url).content)
        again = median_ms(lambda url=url: client.get(url))
        print(f"{url:42} first of the day {made:6.0f} ms, then {again:4.0f} ms ({size / 1024:,.0f} KiB)")
    rows = open_data.snapshot(open_data.BY_SLUG["reports"], "all", "json")[2]
    print(f"public reports in the open data: {rows:,}")
    print(
        f"catalogue page (first of the day):           {median_ms(lambda: client.get('/seffaflik/veri/'), times=3, before=cache.clear):7.0f} ms"
    )
    print(
        f"DCAT-AP description:                         {median_ms(lambda: client.get('/seffaflik/veri/dcat.jsonld')):7.0f} ms"
    )


def _report_keys():
    from django.utils import timezone

    from transparency import figures

    today = timezone.localdate()
    return [figures.cache_key(today - datetime.timedelta(days=364), today, "tr")]


if __name__ == "__main__":
    main()
