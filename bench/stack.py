"""Throughput through nginx, anonymous and signed in, beside the real bakerydemo and a static file, in one run.

    .venv/bin/python bench/stack.py [--seconds 10] [--connections 16] [--bakerydemo DIR] [--quick] [--rows A,B]

Starts the production stack (deploy/stack.py: nginx, gunicorn, PostgreSQL, Redis) with
one app server of 2 gunicorn workers, in a fresh database with the demo content. With a
bakerydemo checkout (--bakerydemo DIR or the environment variable BAKERYDEMO_DIR; there
is no default) whose executable `serve.sh PORT` runs Wagtail's official demo with its
production settings and gunicorn with 2 workers, bakerydemo sits behind the same nginx
through a plain proxy on a second port and each row is compared with it. Nothing of
bakerydemo is in this repository; without it the portal is measured alone.

Each row is one kind of page, measured with wrk (`-t2 -c16 --latency --timeout 30s`):
requests per second, p50 and p99 latency, errors. "Uncached" sends a cookie, which makes nginx pass
every request to the app servers as it does for anybody signed in; the three pages
anonymous visitors reach most (home, an assembly page, the news index) are measured
cached as well, against the same nginx serving a static file. Signed-in rows sign in
through the portal's allauth form (CSRF token, demo password) and send that session's
cookies; they are never cached.

The pairing with bakerydemo, the nearest kind of page it has:

    home page                      /                     /
    assembly page                  /meclisler/…/         /breads/ (a section index)
    news index                     /haberler/            /blog/
    council opinions, public       lists                 /blog/ (a paginated list of dated items)
      reports, vacancies
    assembly page, signed in       citizen               /breads/ signed in as bakerydemo's admin
    calendar, signed in            citizen               /blog/ signed in (a list of dated items)
    Etkinlik kayıtlarım,           citizen               /blog/ signed in (the site's templates
      Meclislerim                                          around a list, for a signed-in person)
    courier's route                courier               /locations/ signed in (a list of addresses)
    coordinator's dashboard        /admin/ (kadin@)      /admin/ signed in
    assembly members (admin)       /admin/members/       /admin/snippets/base/person/ signed in

bakerydemo is signed in through Wagtail's login form as --bakerydemo-user with the
password in BAKERYDEMO_PASSWORD (a superuser made in that checkout); without the
password its signed-in rows are left out.

Queries per request: after starting the stack, a separate Python process with the
stack's own environment (production settings, same database and Redis) fetches every
row's page twice with Django's test client (signed in with force_login for the signed-in
rows) and counts the queries of the second fetch with CaptureQueriesContext: the first
fills the caches a long-running worker keeps across requests, as the app server's
workers have by the time wrk runs. The same process finds the courier's route: the
newest route given to kurye1@; the demo content plans none, so it plans one as the post
team does (a bulletin for today, planning.build_routes) and gives him its longest route.

Memory: afterwards the app server is restarted without gunicorn's worker recycling
(production recycles a worker every 2,000 requests or so, which would hide a leak), each
row's page is asked for a few times over so both workers have rendered every kind, and
the resident memory (VmRSS) of each worker is read from /proc before and after
--memory-requests (10,000) more requests spread over the rows, uncached. Goal: at most
20 % growth. Other targets (issue 20): uncached ≥ 1.5× bakerydemo on every row; cached
≥ 50 % of the static file; at most 15 queries per page. Talks only to 127.0.0.1.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import PYTHON, Stack, _group_members, drop_database, free_port, wait_for  # noqa: E402

DEMO_PASSWORD = "kent-konseyi-demo"
CITIZEN = "vatandas@kentkonseyi.test"
COURIER = "kurye1@kentkonseyi.test"
COORDINATOR = "kadin@kentkonseyi.test"
ROUTE = "{route}"  # replaced by the courier's route address, found in the database


@dataclass(frozen=True)
class Row:
    label: str
    path: str
    login: str | None  # the demo account signed in, or anonymous
    cached: bool  # also measured from nginx's page cache
    bakery_path: str
    bakery_signed_in: bool


ROWS = [
    Row("home page", "/", None, True, "/", False),
    Row("assembly page", "/meclisler/kadin-meclisi/", None, True, "/breads/", False),
    Row("news index", "/haberler/", None, True, "/blog/", False),
    Row("council opinions", "/kurullar/gorusler/", None, False, "/blog/", False),
    Row("public reports", "/bildirimler/", None, False, "/blog/", False),
    Row("vacancies", "/istihdam/", None, False, "/blog/", False),
    Row("assembly, signed in", "/meclisler/kadin-meclisi/", CITIZEN, False, "/breads/", True),
    Row("calendar, signed in", "/etkinlikler/", CITIZEN, False, "/blog/", True),
    Row("Etkinlik kayıtlarım", "/accounts/events/", CITIZEN, False, "/blog/", True),
    Row("Meclislerim", "/accounts/assemblies/", CITIZEN, False, "/blog/", True),
    Row("courier's route", ROUTE, COURIER, False, "/locations/", True),
    Row("coordinator dashboard", "/admin/", COORDINATOR, False, "/admin/", True),
    Row("members (admin)", "/admin/members/", COORDINATOR, False, "/admin/snippets/base/person/", True),
]
UNCACHED = "bench=uncached"

BAKERYDEMO_SERVER = """
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ proxy_pass http://127.0.0.1:{upstream}; }}
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


# wrk


@dataclass(frozen=True)
class Measure:
    rps: float
    errors: int
    p50: str
    p99: str

    def text(self):
        return f"{self.rps:,.0f}/s {self.p50}/{self.p99}" + (f" {self.errors} err" if self.errors else "")


def parse_wrk(output):
    """Requests per second, non-2xx/3xx answers and socket errors, p50 and p99 from `wrk --latency`'s report."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    return Measure(rps, errors, p50.group(1) if p50 else "?", p99.group(1) if p99 else "?")


def wrk(url, seconds, connections, cookie=None):
    # wrk counts an answer slower than its timeout (2 s by default) as an error, leaving it out of p99.
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return parse_wrk(subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout)


# Plain HTTP: checks and signing in


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not something to follow: a page that sends to the login form has failed."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, cookie=None, expect_cache=None):
    """GET `url`; it must answer 200 itself (no redirect), and come from nginx's cache as `expect_cache` says."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=60) as answer:
            status, cache = answer.status, answer.headers.get("X-Cache-Status")
    except urllib.error.HTTPError as error:
        status, cache = error.code, error.headers.get("X-Cache-Status")
    if status != 200:
        raise RuntimeError(f"{url} answered {status}{' with ' + cookie.split('=')[0] + '…' if cookie else ''}")
    if expect_cache and cache not in expect_cache:
        raise RuntimeError(f"{url}: X-Cache-Status {cache}, expected one of {sorted(map(str, expect_cache))}")


def csrf_token(html):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)" name="csrfmiddlewaretoken"', html
    )
    if not found:
        raise RuntimeError("no CSRF token in the login form")
    return found.group(1)


def sign_in(login_url, fields):
    """Post a login form the way a browser does (its CSRF cookie and token); return the session's Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(login_url, timeout=60) as form:
        token = csrf_token(form.read().decode())
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    request = urllib.request.Request(login_url, data=body, headers={"Referer": login_url})
    try:
        opener.open(request, timeout=60)
        raise RuntimeError(f"{login_url}: the login form came back (wrong password, or the form changed)")
    except urllib.error.HTTPError as error:
        if error.code != 302:
            raise RuntimeError(f"{login_url} answered {error.code} to the login") from None
    # Not the one-off "signed in" message: sent with every request it would be shown on every page.
    cookies = {cookie.name: cookie.value for cookie in jar if cookie.name != "messages"}
    if len(cookies) < 2:
        raise RuntimeError(f"{login_url}: no session cookie after signing in")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


# Queries per request, in a process of the stack's own


def courier_route():
    """The newest route given to the demo courier; the demo content plans none, so then one is planned here.

    As the post team does: a distribution of a bulletin for today over the demo's recipients, cut into
    routes (planning.build_routes), the longest given to the courier.
    """
    from django.db import transaction
    from django.db.models import Count

    from accounts.models import User
    from distribution import planning
    from distribution.models import Distribution, Publication, Route

    route = Route.objects.filter(courier__email=COURIER).order_by("-distribution__date", "pk").first()
    if route is None:
        with transaction.atomic():
            publication = Publication.objects.create(kind=Publication.Kind.BULLETIN, title="Kent Konseyi Bülteni")
            distribution = Distribution.objects.create(publication=publication, default_quantity=1)
            route = planning.build_routes(distribution).annotate(stops_count=Count("stops")).order_by("-stops_count")[0]
            Route.objects.filter(pk=route.pk).update(courier=User.objects.get(email=COURIER))
    return route


def count_queries(rows):
    """Run inside the stack's environment (django set up here): the route's address and each row's warm query count."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    route_path = f"/cozum-postasi/rota/{courier_route().token}/"
    users = get_user_model().objects
    answers = []
    for path, login in rows:
        path = route_path if path == ROUTE else path
        client = Client(HTTP_HOST="127.0.0.1")
        if login:
            client.force_login(users.get(email=login))
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        answers.append({"path": path, "status": status, "queries": len(queries)})
    return answers


def queries_of(stack, rows):
    """Each row's resolved address and queries per request, from a process with the stack's environment."""
    request = json.dumps([[row.path, row.login] for row in rows])
    log = stack.run / "logs" / "queries.log"
    with open(log, "wb") as errors:
        answer = subprocess.run(
            [PYTHON, __file__, "--count-queries"],
            input=request,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=ROOT,
            env=stack.env(),
        )
    if answer.returncode:
        raise SystemExit(f"counting the queries failed: see {log}")
    answers = json.loads(answer.stdout.strip().splitlines()[-1])
    for found in answers:
        if found["status"] != 200:
            raise SystemExit(f"{found['path']} answered {found['status']} to Django's test client")
    return answers


# Memory


def workers_of(master):
    """The gunicorn workers of the app server whose master is `master` (its process group, less itself)."""
    return sorted(pid for pid in _group_members(master.pid) if pid != master.pid)


def resident_kib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def hammer(base_url, targets, total, threads=8):
    """Ask for `targets` ((path, cookie) pairs) in turn, `total` times over `threads` kept-alive connections."""
    host, port = urllib.parse.urlsplit(base_url).netloc.split(":")
    counter, lock, failures = iter(range(total)), threading.Lock(), []

    def loop():
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            path, cookie = targets[index % len(targets)]
            connection.request("GET", path, headers={"Cookie": cookie})
            answer = connection.getresponse()
            answer.read()
            if answer.status != 200:
                failures.append((path, answer.status))
        connection.close()

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return failures


def memory_growth(stack, targets, requests):
    """Resident memory of each worker after a warm-up and after `requests` more, with recycling off."""
    stack.children.stop([stack.app_servers[0]])
    stack.extra_env["GUNICORN_MAX_REQUESTS"] = "0"
    master = stack.start_app_server(0)
    fresh = {pid: resident_kib(pid) for pid in workers_of(master)}
    failures = hammer(stack.url, targets, 20 * len(targets))
    before = {pid: resident_kib(pid) for pid in workers_of(master)}
    started = time.monotonic()
    failures += hammer(stack.url, targets, requests)
    elapsed = time.monotonic() - started
    after = {pid: resident_kib(pid) for pid in workers_of(master)}
    if set(after) != set(fresh):
        raise RuntimeError(f"a worker was replaced during the memory run: {sorted(fresh)} → {sorted(after)}")
    return fresh, before, after, failures, elapsed


# The run


def start_bakerydemo(stack, checkout, run, upstream, port):
    """Start `serve.sh` of the checkout on `upstream` and proxy it from the stack's nginx on `port`."""
    process = subprocess.Popen(
        ["bash", str(checkout / "serve.sh"), str(upstream)],
        stdout=open(run / "bakerydemo.log", "wb"),  # noqa: SIM115 - handed to the child process
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{upstream}/", timeout=120, process=process)
    original = stack.write_nginx_conf

    def with_bakerydemo():
        conf = original()
        text = conf.read_text().rstrip()
        assert text.endswith("}")
        conf.write_text(text[:-1] + BAKERYDEMO_SERVER.format(port=port, upstream=upstream))
        return conf

    stack.write_nginx_conf = with_bakerydemo
    return f"http://127.0.0.1:{port}", process


def sign_in_everybody(stack, bakery_url, bakery_user, bakery_password):
    """The Cookie header of each demo account the rows need, and of bakerydemo's admin (None without a password)."""
    portal = {}
    for login in sorted({row.login for row in ROWS if row.login}):
        portal[login] = sign_in(f"{stack.url}/accounts/login/", {"login": login, "password": DEMO_PASSWORD})
    bakery = None
    if bakery_url and bakery_password:
        bakery = sign_in(f"{bakery_url}/admin/login/", {"username": bakery_user, "password": bakery_password})
    return portal, bakery


def measure(options):
    run = Path(tempfile.mkdtemp(prefix="kentkonseyi-stack-bench-"))
    ports = range(options.port, options.port + 4) if options.port else [free_port() for _ in range(4)]
    stack = Stack(run, options.database_url, options.redis_url, ports[0], app_servers=1, web_workers=2, task_workers=1)
    stack.app_ports, stack.app_urls = [ports[1]], [f"http://127.0.0.1:{ports[1]}"]
    stack.access_log = False
    print("Preparing the portal (fresh database, demo content)…", flush=True)
    stack.prepare(demo=True, fresh=True)

    bakery_process = bakery_url = None
    if options.bakerydemo:
        checkout = Path(options.bakerydemo)
        if not (checkout / "serve.sh").exists():
            raise SystemExit(f"{checkout} has no serve.sh")
        bakery_url, bakery_process = start_bakerydemo(stack, checkout, run, ports[2], ports[3])
    else:
        print("No bakerydemo (--bakerydemo or BAKERYDEMO_DIR): the portal is measured alone.")

    rows = [row for row in ROWS if not options.rows or any(part in row.label for part in options.rows.split(","))]
    try:
        stack.start()
        counted = queries_of(stack, rows)
        paths = [answer["path"] for answer in counted]
        portal_cookies, bakery_cookie = sign_in_everybody(
            stack, bakery_url, options.bakerydemo_user, os.environ.get("BAKERYDEMO_PASSWORD")
        )
        if bakery_url and not bakery_cookie:
            print("No BAKERYDEMO_PASSWORD: bakerydemo's signed-in pages are left out.")

        def cookie_of(row):
            return f"{UNCACHED}; {portal_cookies[row.login]}" if row.login else UNCACHED

        def bakery_cookie_of(row):
            return bakery_cookie if row.bakery_signed_in else None

        with urllib.request.urlopen(stack.url) as home:
            static = re.search(r'href="(/static/[^"]+\.css)"', home.read().decode()).group(1)
        for row, path in zip(rows, paths, strict=True):
            if row.cached:
                fetch(stack.url + path)
                fetch(stack.url + path, expect_cache={"HIT"})
            # The admin is never in the page cache, so nginx says nothing of it there.
            fetch(stack.url + path, cookie=cookie_of(row), expect_cache={"BYPASS", None})
            if bakery_url and (bakery_cookie or not row.bakery_signed_in):
                fetch(bakery_url + row.bakery_path, cookie=bakery_cookie_of(row))
        time.sleep(2)

        seconds, connections = options.seconds, options.connections
        static_measure = wrk(stack.url + static, seconds, connections)
        results = []
        for row, path, count in zip(rows, paths, counted, strict=True):
            print(f"  {row.label}…", flush=True)
            uncached = wrk(stack.url + path, seconds, connections, cookie_of(row))
            cached = wrk(stack.url + path, seconds, connections) if row.cached else None
            bakery = None
            if bakery_url and (bakery_cookie or not row.bakery_signed_in):
                bakery = wrk(bakery_url + row.bakery_path, seconds, connections, bakery_cookie_of(row))
            results.append((row, path, count["queries"], uncached, cached, bakery))

        memory = None
        if options.memory_requests:
            print(f"  memory: {options.memory_requests:,} requests over the rows, uncached…", flush=True)
            targets = [(path, cookie_of(row)) for row, path in zip(rows, paths, strict=True)]
            memory = memory_growth(stack, targets, options.memory_requests)
    finally:
        stack.stop()
        if bakery_process:
            stack.kill(bakery_process)
        drop_database(options.database_url)
    return static, static_measure, results, memory


def report(options, static, static_measure, results, memory):
    print(
        f"\nwrk -t2 -c{options.connections} -d{options.seconds}s --latency --timeout 30s through nginx; "
        "requests per second, p50/p99 latency, errors"
    )
    print(f"static file {static}: {static_measure.text()}\n")
    print(f"{'page':<23}{'queries':>8}  {'uncached':<28}{'bakerydemo':<54}{'ratio':>7}  {'cached':<28}{'of static':>9}")
    for row, _path, queries, uncached, cached, bakery in results:
        signed = " (in)" if row.bakery_signed_in else ""
        bakery_text = f"{row.bakery_path}{signed} {bakery.text()}" if bakery else "-"
        ratio = f"{uncached.rps / bakery.rps:.2f}×" if bakery and bakery.rps else "-"
        cached_text = cached.text() if cached else "-"
        of_static = f"{cached.rps / static_measure.rps:.0%}" if cached else "-"
        print(
            f"{row.label:<23}{queries:>8}  {uncached.text():<28}{bakery_text:<54}{ratio:>7}  "
            f"{cached_text:<28}{of_static:>9}"
        )
    # A measure with no answer at all within its seconds (a loaded machine) has no ratio: "-" in its row.
    ratios = [u.rps / b.rps for _r, _p, _q, u, _c, b in results if b and b.rps]
    statics = [c.rps / static_measure.rps for _r, _p, _q, _u, c, _b in results if c]
    print(
        f"\nuncached vs bakerydemo: {f'{min(ratios):.2f}×' if ratios else 'not measured'} at worst (goal ≥ 1.5×); "
        f"cached vs static: {f'{min(statics):.0%}' if statics else 'not measured'} at worst (goal ≥ 50 %); "
        f"queries: {max(q for _r, _p, q, _u, _c, _b in results)} at most (goal ≤ 15)"
    )
    if memory:
        fresh, before, after, failures, elapsed = memory
        print(
            f"\nResident memory of each gunicorn worker (recycling off), {options.memory_requests:,} requests "
            f"over the {len(results)} rows in {elapsed:.0f} s ({len(failures)} not 200):"
        )
        for pid in sorted(after):
            growth = after[pid] / before[pid] - 1  # /proc never reads 0 kB for a live Python process
            print(
                f"  worker {pid}: {fresh[pid] / 1024:.0f} MiB started, {before[pid] / 1024:.0f} MiB after the "
                f"warm-up, {after[pid] / 1024:.0f} MiB after: {growth:+.1%} (goal ≤ 20 %)"
            )


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration for each measure")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="3 s per measure and 2,000 requests for memory")
    parser.add_argument(
        "--bakerydemo", default=os.environ.get("BAKERYDEMO_DIR"), help="a bakerydemo checkout with serve.sh PORT"
    )
    parser.add_argument("--bakerydemo-user", default=os.environ.get("BAKERYDEMO_USER", "bench"))
    parser.add_argument("--port", type=int, help="use this port and the next three (default: any free ones)")
    parser.add_argument("--memory-requests", type=int, default=10_000, help="0 leaves the memory run out")
    parser.add_argument("--rows", help="only the rows whose label holds one of these comma-separated parts")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stack_bench")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    options = parser.parse_args(argv)
    if options.quick:
        options.seconds, options.memory_requests = 3, min(options.memory_requests, 2_000)
    return options


def main():
    if sys.argv[1:] == ["--count-queries"]:
        print(json.dumps(count_queries(json.load(sys.stdin))))
        return
    options = arguments()
    report(options, *measure(options))


if __name__ == "__main__":
    main()
