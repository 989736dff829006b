"""The public list of reports (/bildirimler/) with tens of thousands of cases.

    .venv/bin/python bench/public_reports.py [--cases 20000] [--public-share 0.3]

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL), adds `--cases` cases spread as
the 2020 annual report's tables say, of which `--public-share` agreed to publishing (a tenth of those hidden or not
yet checked), then prints for the public list with each filter: the median time of 10 anonymous requests through
Django's test client, its queries, and the queries of the same list with 100 cases. On PostgreSQL it also prints
which index the page's query uses (the partial indexes of complaints.models.Case on the published rows).
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILTERS = [
    ("no filter", {}),
    ("topic: Asfalt Onarımı", {"konu": "TOPIC"}),
    ("mahalle: Çakmak", {"mahalle": "cakmak"}),
    ("status: open", {"durum": "acik"}),
    ("status: closed", {"durum": "kapandi"}),
    ("last 30 days", {"donem": "30"}),
    ("topic + mahalle + open", {"konu": "TOPIC", "mahalle": "cakmak", "durum": "acik"}),
    ("page 50", {"page": "50"}),
]


def publish_share(share, rng):
    """Mark `share` of the cases as agreed to publishing; most checked, some waiting, a few hidden."""
    from django.utils import timezone

    from complaints.models import Case

    ids = list(Case.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, int(len(ids) * share))
    waiting, hidden = chosen[: len(chosen) // 20], chosen[len(chosen) // 20 : len(chosen) // 10]
    checked = chosen[len(chosen) // 10 :]
    for start in range(0, len(checked), 2000):
        Case.objects.filter(pk__in=checked[start : start + 2000]).update(
            public_consent=True, moderated_at=timezone.now(), public_description="Sokaktaki çukur büyüdü."
        )
    Case.objects.filter(pk__in=waiting).update(public_consent=True)
    Case.objects.filter(pk__in=hidden).update(public_consent=True, hidden_from_public=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--public-share", type=float, default=0.3)
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from complaints import demo
    from complaints.models import Case, Topic
    from publicreports import reports

    Case.objects.all().delete()
    client = Client()
    values = {"TOPIC": str(Topic.objects.get(name="Asfalt Onarımı").pk)}
    rng = random.Random(19)

    def params(query):
        return {key: values.get(value, value) for key, value in query.items()}

    def queries(query):
        client.get("/bildirimler/", params(query))
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/bildirimler/", params(query)).status_code == 200
        # Read now: the next request empties the connection's query log.
        return len(captured), [q["sql"] for q in captured.captured_queries]

    demo.create_cases(100)
    publish_share(args.public_share, rng)
    small = {label: queries(query)[0] for label, query in FILTERS}

    started = time.perf_counter()
    demo.create_cases(args.cases - 100)
    publish_share(args.public_share, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    print(
        f"database: {connection.vendor}; {Case.objects.count():,} cases, {reports.public_cases().count():,} public, "
        f"created in {built:.0f} s"
    )
    print(f"{'public list (20 a page)':28} {'median':>9} {'queries':>8} {'at 100':>7}")
    worst = 0
    plans = {}
    for label, query in FILTERS:
        large, captured = queries(query)
        timings = []
        for _ in range(10):
            begin = time.perf_counter()
            response = client.get("/bildirimler/", params(query))
            timings.append(time.perf_counter() - begin)
        assert response.status_code == 200
        median = statistics.median(timings) * 1000
        worst = max(worst, median)
        print(f"{label:28} {median:7.1f} ms {large:8d} {small[label]:7d}")
        if connection.vendor == "postgresql":
            listed = [
                sql
                for sql in captured
                if "complaints_case" in sql and "COUNT(" not in sql and "places_neighbourhood" in sql
            ]
            if not listed:
                print(
                    "   (page query not found among:",
                    [sql[:80] for sql in captured],
                    ")",
                )
                continue
            page_query = listed[0]
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + page_query)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            used = sorted({word for word in plan.replace('"', " ").split() if word.startswith("case_")})
            took = next((line.split(":")[-1].strip() for line in plan.splitlines() if "Execution Time" in line), "")
            counting = next((sql for sql in captured if "COUNT(" in sql and "complaints_case" in sql), None)
            counted = ""
            if counting:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + counting)
                    counted = next(row[0] for row in cursor.fetchall() if "Execution Time" in row[0]).split(":")[-1]
            plans[label] = (used or ["(no index)"], took, counted.strip())
    print(f"slowest: {worst:.1f} ms")
    for label, (used, took, counted) in plans.items():
        print(f"  {label:28} page query uses {', '.join(used)}, runs in {took}; the count in {counted}")


if __name__ == "__main__":
    main()
