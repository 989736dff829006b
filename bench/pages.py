"""Render time and queries of the public pages with a realistic amount of content.

    .venv/bin/python bench/pages.py [--news 500] [--requests 40]

Builds a throwaway database (SQLite in a temporary folder, or the PostgreSQL
database named by BENCH_DATABASE_URL), loads the demo content plus `--news`
extra news items spread over the assemblies, then requests each page through
Django's test client and prints the median and 95th-percentile time and the
queries per request. It measures the application (views, ORM, templates), not a
web server; that figure comes with the production issue.
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [
    "/",
    "/haberler/",
    "/haberler/?page=5",
    "/meclisler/",
    "/meclisler/engelli-meclisi/",
    "/haberler/cozum-merkezi-2020de-91599-basvuruyu-kayda-aldi/",
    "/search/?q=meclis",
    "/sitemap.xml",
    "/en/",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=500, help="extra news items to create")
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    args = parser.parse_args()

    from bench._setup import setup

    started = time.perf_counter()
    setup(demo=False)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("load_demo_content", stdout=io.StringIO())
    add_news(args.news)
    print(f"database: {connection.vendor}, content built in {time.perf_counter() - started:.1f} s")
    print(f"{'page':<62} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")

    client = Client()
    for url in PAGES:
        client.get(url)  # warm caches and renditions
        timings = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{url:<62} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8}")


def add_news(count):
    from assemblies.models import AssemblyPage
    from home.models import NewsIndexPage, NewsPage

    parents = [NewsIndexPage.objects.get(locale__language_code="tr")]
    parents += list(AssemblyPage.objects.filter(locale__language_code="tr"))
    for number in range(count):
        parent = parents[number % len(parents)]
        page = NewsPage(
            title=f"Meclis toplantısı {number}",
            slug=f"meclis-toplantisi-{number}",
            intro="Kent Konseyi meclisleri mahallelerde toplandı.",
            body=[("paragraph", "<p>Toplantıda mahallelerin önerileri konuşuldu.</p>")],
        )
        parent.add_child(instance=page)
        page.tags.add("Toplantı")
        page.save_revision().publish()


if __name__ == "__main__":
    main()
