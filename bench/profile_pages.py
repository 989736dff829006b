"""Where the time of one request goes, for each page kind, under production settings.

    .venv/bin/python bench/profile_pages.py [--requests 50] [--top 25] [--page NAME]

Runs in-process on the database and Redis named by DATABASE_URL and REDIS_URL (a
database with the demo content: `manage.py load_demo_content`), with
config.settings.production. Each page is asked for through Django's test client
(every middleware, the URL resolver, the view and the template), anonymous or
signed in as the demo user of the role that uses it, once to warm the caches
that live across requests, then --requests times under cProfile, which counts CPU time
(time.process_time): waits on the database, Redis and other processes on the
machine do not blur it. Prints per page the milliseconds of one request (wall
clock and this process's CPU; cProfile's own overhead included) and the queries
it ran, then the --top functions by --sort, in milliseconds per request.
"""

import argparse
import cProfile
import functools
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-profile-not-secret",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "EMAIL_HOST": "127.0.0.1",
    "DEFAULT_FROM_EMAIL": "bench@kentkonseyi.test",
    "SITE_URL": "https://testserver",
    "DATABASE_CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
}


def pages():
    """(name, who signs in or None, path) for each page kind; paths found from the demo content."""
    from django.urls import reverse

    from assemblies.models import AssemblyPage
    from bench.stack import COURIER, courier_route
    from events.models import CalendarPage
    from home.models import NewsIndexPage

    assembly = AssemblyPage.objects.live().get(slug="kadin-meclisi")
    calendar = CalendarPage.objects.live().first()
    news = NewsIndexPage.objects.live().first()
    return [
        ("home", None, "/"),
        ("assembly page", None, assembly.url),
        ("news index", None, news.url),
        ("assembly page, signed in", "vatandas@kentkonseyi.test", assembly.url),
        ("calendar, signed in", "vatandas@kentkonseyi.test", calendar.url),
        ("my registrations", "vatandas@kentkonseyi.test", reverse("events:mine")),
        ("my assemblies", "vatandas@kentkonseyi.test", reverse("assemblies:mine")),
        ("coordinator dashboard", "kadin@kentkonseyi.test", "/admin/"),
        ("members (admin)", "kadin@kentkonseyi.test", "/admin/members/"),
        ("public reports", None, reverse("publicreports:list")),
        ("council opinions", None, "/kurullar/gorusler/"),
        ("courier's route", COURIER, f"/cozum-postasi/rota/{courier_route().token}/"),
    ]


def count_queries(connection, ask):
    queries = []

    def counted(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(counted):
        ask()
    return queries


def per_request(line, requests):
    """A pstats line with its times in milliseconds per request instead of seconds in all."""
    calls, total, _per, cumulative, _per_call, where = line.split(None, 5)
    calls = calls.split("/")[0]
    return (
        f"{int(calls) / requests:8.1f} calls {float(total) * 1000 / requests:7.2f} ms own "
        f"{float(cumulative) * 1000 / requests:7.2f} ms in all  {where}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=30, help="how many functions to list")
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative or tottime")
    parser.add_argument("--page", help="only the page kinds whose name contains this")
    args = parser.parse_args()
    for name, value in PRODUCTION_ENVIRONMENT.items():
        os.environ.setdefault(name, value)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    for name, who, path in pages():
        if args.page and args.page not in name:
            continue
        client = Client(headers={"X-Forwarded-Proto": "https"})
        if who:
            client.force_login(User.objects.get(email=who))
        response = client.get(path, secure=True)
        assert response.status_code == 200, (name, path, response.status_code)
        queries = count_queries(connection, functools.partial(client.get, path, secure=True))
        profiler = cProfile.Profile(time.process_time)
        started, cpu_started = time.perf_counter(), time.process_time()
        profiler.enable()
        for _ in range(args.requests):
            client.get(path, secure=True)
        profiler.disable()
        elapsed = (time.perf_counter() - started) / args.requests * 1000
        cpu = (time.process_time() - cpu_started) / args.requests * 1000
        print(
            f"\n=== {name} ({path}{', ' + who if who else ''}): {elapsed:.1f} ms, {cpu:.1f} ms CPU, {len(queries)} queries"
        )
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report)
        stats.sort_stats(args.sort).print_stats(args.top)
        for line in report.getvalue().splitlines():
            if re.match(r"\s*[\d/]+\s+[\d.]+\s", line):
                print(per_request(line, args.requests))


if __name__ == "__main__":
    main()
