"""The case register's listing at the 2020 volume.

    .venv/bin/python bench/complaints.py [--cases 91599]

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL),
adds `--cases` cases spread over channels, topics and neighbourhoods as the 2020
annual report's tables say, then prints for the call centre's listing with each
filter: the median time of 10 requests through Django's test client and its
queries, and the queries of the same listing with 100 cases. Target (issue 6):
≤ 100 ms with any filter and the same number of queries as with 100 cases.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILTERS = [
    ("no filter", {}),
    ("status: in progress", {"status": "in_progress"}),
    ("overdue", {"deadline": "overdue"}),
    ("due within 3 days", {"deadline": "soon"}),
    ("channel: CİMER", {"channel": "cimer"}),
    ("topic: Moloz Alımı", {"topic": "TOPIC"}),
    ("neighbourhood: Çakmak", {"neighbourhood": "PLACE"}),
    ("directorate: Temizlik", {"directorate": "DIRECTORATE"}),
    ("status + directorate + overdue", {"status": "routed", "directorate": "DIRECTORATE", "deadline": "overdue"}),
    ("search: tracking number", {"q": "NUMBER"}),
    ("search: phone", {"q": "PHONE"}),
    ("search: words", {"q": "moloz torbaları"}),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=91_599)
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from complaints import demo
    from complaints.models import Case, Directorate, Topic
    from places.models import Neighbourhood
    from suggestions.demo import CALL_CENTRE

    Case.objects.all().delete()
    client = Client()
    client.force_login(User.objects.get(email=CALL_CENTRE[0]))
    values = {
        "TOPIC": str(Topic.objects.get(name="Moloz Alımı").pk),
        "PLACE": str(Neighbourhood.objects.get(name="Çakmak").pk),
        "DIRECTORATE": str(Directorate.objects.get(name="Temizlik İşleri Müdürlüğü").pk),
    }

    def params(query):
        return {key: values.get(value, value) for key, value in query.items()}

    def queries(query):
        client.get("/admin/cases/", params(query))
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/cases/", params(query)).status_code == 200
        return len(captured)

    demo.create_cases(100)
    sample = Case.objects.first()
    values.update(NUMBER=sample.tracking_number, PHONE=sample.phone)
    small = {label: queries(query) for label, query in FILTERS}

    started = time.perf_counter()
    demo.create_cases(args.cases - 100)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    print(f"database: {connection.vendor}; {Case.objects.count():,} cases created in {built:.0f} s")
    print(f"{'listing (50 a page)':34} {'median':>9} {'queries':>8} {'at 100':>7}")
    worst = 0
    for label, query in FILTERS:
        large = queries(query)
        timings = []
        for _ in range(10):
            begin = time.perf_counter()
            response = client.get("/admin/cases/", params(query))
            timings.append(time.perf_counter() - begin)
        assert response.status_code == 200
        median = statistics.median(timings) * 1000
        worst = max(worst, median)
        print(f"{label:34} {median:7.1f} ms {large:8d} {small[label]:7d}")
    print(f"slowest: {worst:.1f} ms   (target ≤ 100 ms, queries equal to those at 100 cases)")


if __name__ == "__main__":
    main()
