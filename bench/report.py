"""The annual report's tables over a year of cases.

    .venv/bin/python bench/report.py

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL),
loads the 2020 volume (91,599 cases spread exactly as the report's tables), then
prints the time to count every table (median of 5), the statistics page, the
Excel and the PDF, each through Django's test client. Target (issue 7): the 2020
report ≤ 1 s on SQLite and on PostgreSQL.
"""

import datetime
import statistics as stats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def median_ms(action, times=5):
    timings = []
    for _ in range(times):
        begin = time.perf_counter()
        action()
        timings.append(time.perf_counter() - begin)
    return stats.median(timings) * 1000


def main():
    from bench._setup import setup

    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from complaints import demo, statistics
    from suggestions.demo import CALL_CENTRE

    started = time.perf_counter()
    count = demo.create_year(2020)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}; {count:,} cases of 2020 loaded in {time.perf_counter() - started:.0f} s")
    client = Client()
    client.force_login(User.objects.get(email=CALL_CENTRE[0]))
    year = (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    figures = median_ms(lambda: statistics.report(*year))
    page = median_ms(lambda: client.get("/admin/cases/statistics/", {"year": 2020}))
    excel = median_ms(lambda: client.get("/admin/cases/statistics/", {"year": 2020, "format": "xlsx"}))
    pdf = median_ms(lambda: client.get("/admin/cases/statistics/", {"year": 2020, "format": "pdf"}), times=3)
    print(f"2020 report, every table:  {figures:7.0f} ms   (target ≤ 1000 ms)")
    print(f"statistics page:           {page:7.0f} ms")
    print(f"Excel download:            {excel:7.0f} ms")
    print(f"PDF download:              {pdf:7.0f} ms")


if __name__ == "__main__":
    main()
