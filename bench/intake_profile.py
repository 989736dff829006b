"""Where a suggestion's CPU time goes: the app server's handling of the form and the task worker's of its tasks.

    .venv/bin/python bench/intake_profile.py [--submissions 200] [--profiler pyinstrument|cprofile|none]

With production settings (bench/intake_settings.py: PostgreSQL, Redis, the database task queue, the
webhook hand-off) it fills an empty database with the demo, then in this one process posts the real
suggestion form (its CSRF token and cookie, the KVKK consent, each resident from its own address; URL-encoded,
as bench/intake.py's residents send it) through Django's test client, then runs the task worker's loop
(django-tasks-db's Worker, in batch mode) over the tasks they queued, against the stand-in municipal system run
in a separate process. It prints the CPU
milliseconds per submission of each half and, with a profiler, where they went.
PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/intake_profile, emptied first),
Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/10, own key prefix).
"""

import argparse
import collections
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.intake import SECRET, empty_database, environment, manage, parse_form, submission  # noqa: E402

# How many functions the CPU sampler lists (PROFILE_TOP in the environment).
TOP = int(os.environ.get("PROFILE_TOP", "45"))
# What the CPU sampler reports: our code, and the library calls that matter.
WANTED = [
    "suggestions/", "complaints/", "outbox/", "accounts/", "operations/", "theme/", "config/", "places/",
    "django_tasks", "ratelimit.py", "models/sites.py", "django/shortcuts.py", "handlers/base.py", "forms/forms.py",
    "template/loader.py", "mail/message.py", "db/transaction.py", "sql/compiler.py", "test/client.py",
]  # fmt: skip


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_standin(port):
    """The stand-in municipal system in its own process, so its CPU is not counted as the worker's."""
    code = (
        "from complaints.fake_system import FakeComplaintSystem as F;"
        f"F('http://127.0.0.1:1', {SECRET!r}, port={port}, answer_after=None, log=lambda _l: None).serve()"
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    process.kill()
    sys.exit("the stand-in municipal system did not start")


class CpuSampler:
    """Samples the stack every millisecond of this process's CPU time (SIGPROF): time spent waiting for
    PostgreSQL or Redis is not counted, and, unlike cProfile, small functions called often are not inflated."""

    def __init__(self, interval=0.001):
        self.interval = interval  # asked for; the kernel's tick may make it coarser, so shares are what count
        self.inclusive = collections.Counter()
        self.samples = 0

    def _sample(self, _signum, frame):
        self.samples += 1
        seen = set()
        while frame is not None:
            code = frame.f_code
            key = f"{'/'.join(Path(code.co_filename).parts[-3:])}:{code.co_firstlineno}({code.co_name})"
            if key not in seen:
                seen.add(key)
                self.inclusive[key] += 1
            frame = frame.f_back

    def start(self):
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)

    def stop(self):
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL)

    def report(self, count, cpu, wanted, top=TOP):
        """The functions in `wanted` (path fragments) with their share of the samples and so of `cpu`, the
        seconds of CPU the block took, in ms per submission (inclusive: callees counted)."""
        print(f"{'ms/submission':>13}  {'share':>6}  function (CPU time inside it, callees included)")
        shown = 0
        for key, hits in self.inclusive.most_common():
            if not any(fragment in key for fragment in wanted):
                continue
            print(f"{hits / self.samples * cpu * 1000 / count:13.2f}  {hits / self.samples:6.1%}  {key}")
            shown += 1
            if shown >= top:
                break


class Profiler:
    """pyinstrument, cProfile or nothing around a block; prints what it found."""

    def __init__(self, kind, title, count):
        self.kind, self.title, self.count = kind, title, count

    def __enter__(self):
        if self.kind == "cpu":
            self.profiler = CpuSampler()
            self.profiler.start()
        elif self.kind == "pyinstrument":
            from pyinstrument import Profiler as Pyinstrument

            self.profiler = Pyinstrument(interval=0.0005)
            self.profiler.start()
        elif self.kind == "cprofile":
            import cProfile

            self.profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for PostgreSQL is not ours
            self.profiler.enable()
        self.cpu = time.process_time()
        return self

    def __exit__(self, *exc):
        self.cpu = time.process_time() - self.cpu
        if self.kind == "cpu":
            self.profiler.stop()
            print(f"\n=== {self.title}: CPU samples ===")
            self.profiler.report(self.count, self.cpu, WANTED)
        elif self.kind == "pyinstrument":
            self.profiler.stop()
            print(f"\n=== {self.title} ===")
            print(self.profiler.output_text(unicode=True, color=False, show_all=False))
        elif self.kind == "cprofile":
            import pstats

            self.profiler.disable()
            print(f"\n=== {self.title} ===")
            stats = pstats.Stats(self.profiler)
            saved = Path(tempfile.gettempdir()) / f"intake-profile-{self.title.split(':')[0].replace(' ', '-')}.pstats"
            stats.dump_stats(saved)
            print(f"(saved for pstats: {saved})")
            stats.sort_stats("cumulative").print_stats(70)
            stats.sort_stats("tottime").print_stats(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--profiler", choices=["cpu", "pyinstrument", "cprofile", "none"], default="cpu")
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is (no migrate, no demo)")
    parser.add_argument("--queries", action="store_true", help="also print the SQL of one submission and its task")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/intake_profile")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
    workdir = Path(tempfile.gettempdir()) / "kentkonseyi-intake-profile"  # kept for --keep
    standin_port = free_port()
    env = environment(workdir, database_url, redis_url)
    env.update(HANDOFF_URL=f"http://127.0.0.1:{standin_port}/cases", ALLOWED_HOSTS="127.0.0.1,testserver")
    os.environ.update(env)
    if not args.keep:
        print("Preparing PostgreSQL and the demo site ...", flush=True)
        empty_database(database_url)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(dict(env, HANDOFF_CONNECTOR=""), "load_demo_content")
    standin = start_standin(standin_port)
    try:
        run(args)
    finally:
        standin.terminate()
        standin.wait()


def run(args):
    import django

    django.setup()
    from django.test import Client
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from complaints.models import Case, Delivery, Notification

    client = Client(enforce_csrf_checks=True)
    page = client.get("/oneri-kutusu/", REMOTE_ADDR="127.2.0.1")
    token, action, topics, neighbourhoods = parse_form(page.content.decode())
    # Warm up: every code path loaded and connected once, as in a server that has been running a while.
    for number in range(5):
        post(client, action, submission(10_000_000 + number, token, topics, neighbourhoods), f"127.3.0.{number + 1}")
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="intake-profile",
        excluded_queue_names=[],
    )
    worker.run()
    before = Case.objects.count()
    tasks_before = DBTaskResult.objects.count()

    if args.queries:
        show_queries(client, action, worker, submission(20_000_000, token, topics, neighbourhoods))
    count = args.submissions
    bodies = [submission(number, token, topics, neighbourhoods) for number in range(count)]
    statuses = []
    with Profiler(args.profiler, f"app server: {count} submissions", count) as app:
        for number, fields in enumerate(bodies):
            response = post(client, action, fields, f"127.4.{number // 250}.{number % 250 + 1}")
            statuses.append(response.status_code)
    tasks = DBTaskResult.objects.count() - tasks_before
    with Profiler(args.profiler, f"task worker: {tasks} tasks of {count} submissions", count) as work:
        worker.run()

    stored = Case.objects.count() - before
    delivered = Delivery.objects.filter(status=Delivery.Status.DELIVERED).count()
    print(
        f"\nsubmissions {count}: answered 302 {statuses.count(302)}, cases stored {stored}, tasks queued {tasks}, "
        f"deliveries delivered {delivered}, notifications sent "
        f"{Notification.objects.filter(status='sent').count()}, tasks left "
        f"{DBTaskResult.objects.filter(status__in=['READY', 'RUNNING']).count()}"
    )
    print(
        f"CPU per submission ({args.profiler} on): app server {app.cpu / count * 1000:.2f} ms, "
        f"task worker {work.cpu / count * 1000:.2f} ms"
    )


def post(client, action, fields, address):
    """The form as bench/intake.py's residents send it (URL-encoded), from `address`."""
    return client.post(
        action, urllib.parse.urlencode(fields), content_type="application/x-www-form-urlencoded", REMOTE_ADDR=address
    )


def show_queries(client, action, worker, fields):
    """The SQL statements of one submission in the app server, then of its task in the worker."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for title, block in (
        ("app server", lambda: post(client, action, fields, "127.5.0.1")),
        ("task worker", worker.run),
    ):
        with CaptureQueriesContext(connection) as queries:
            block()
        print(f"\n=== {title}: {len(queries)} queries for one submission ===")
        for query in queries.captured_queries:
            print(f"{query['time']:>6}  {query['sql'][:160]}")


if __name__ == "__main__":
    main()
