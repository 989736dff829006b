"""A throwaway database for benchmarks: SQLite in a temporary folder, or BENCH_DATABASE_URL."""

import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(demo=True):
    workdir = tempfile.mkdtemp(prefix="kentkonseyi-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = workdir

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    settings.MEDIA_ROOT = workdir
    settings.STORAGES["private"]["OPTIONS"]["location"] = workdir
    setup_test_environment()
    if os.environ.get("BENCH_DATABASE_URL"):
        # Start from nothing: migrations recreate the rows they own (root page, locales, mahalleler).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    if demo:
        call_command("load_demo_content", stdout=io.StringIO())
    return workdir
