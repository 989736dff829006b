"""Suggestion intake under load through gunicorn on PostgreSQL, while the municipal system is up, down and slow.

    .venv/bin/python bench/intake.py [--rate 100] [--seconds 60] [--app-workers 4] [--task-workers 2]
    .venv/bin/python bench/intake.py --app-servers 2 --app-workers 2 --kill   # behind nginx, losing a server
    .venv/bin/python bench/intake.py --app-servers 2 --app-workers 2 --steady --port 8160   # the capacity figure

With --app-servers N the portal runs as the production stack does (deploy/stack.py): nginx
in front of N gunicorn app servers and the task workers (`task_worker`, with heartbeats);
with --kill, one app server and one task worker are killed outright (SIGKILL, as a lost
machine) halfway through the first phase, and nothing accepted may be lost.

Starts the portal as production runs it (bench/intake_settings.py: gunicorn, PostgreSQL,
Redis, `db_worker` task workers under the idle CPU policy, so they use what the web workers leave) with the
webhook hand-off pointed at the stand-in municipal system (complaints/fake_system.py).
Residents post the suggestion form at a fixed rate (an open loop: a slow answer does
not slow the senders), each from its own loopback address so the per-address rate
limits stay on. The stand-in is up for the first third, down (connections refused)
for the second, and in the last third stores each case but answers only after 30 s,
longer than the portal's hand-off time-out, so the portal cannot know it arrived.

Then, with the stand-in back to normal, it waits until the queue is empty and checks
that every case reached the stand-in exactly once; the stand-in then answers every
case twice over the signed webhook and the bench checks each answer was applied once.

With --steady the stand-in stays up the whole run (one phase): the figure for what the
box sustains, without the retries an outage adds.

Prints the accepted rate and latency (from the moment each submission was due) per
phase, the delivery figures, and the CPU milliseconds per case stored of the app servers
(gunicorn, its workers included) and of the task workers, from the start of the run until
the hand-offs are done, from /proc (utime+stime, with those of exited children). Target (issue 7): ≥ 100 submissions/s for 60 s,
p95 ≤ 200 ms; afterwards 0 lost, 0 duplicated. Talks only to 127.0.0.1: PostgreSQL at
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/intake_bench, emptied
first) and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/0, own key prefix). It listens
on --port (the portal: gunicorn alone, or nginx) and the ports after it (the stand-in, then the
app servers); without --port, on free ports.
"""

import argparse
import asyncio
import collections
import concurrent.futures
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
PORTAL_PORT = 0  # set by main(): --port, or a free port
STANDIN_PORT = 0
SECRET = "bench-handoff-secret"
DESCRIPTIONS = [
    "Sokağımızdaki aydınlatma direği üç gündür yanmıyor, akşamları yol çok karanlık.",
    "Parkın çocuk oyun alanındaki salıncağın zinciri kopmuş, çocuklar için tehlikeli.",
    "Caddenin köşesine moloz dökülmüş, kaldırımdan geçmek mümkün değil.",
    "Mahallemize bir kütüphane ya da okuma salonu açılmasını öneriyorum.",
]


def environment(workdir, database_url, redis_url):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.intake_settings",
        PYTHONPATH=str(ROOT),
        SECRET_KEY="intake-bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{PORTAL_PORT}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"intake-bench-{os.getpid()}",
        EMAIL_HOST="127.0.0.1",
        DEFAULT_FROM_EMAIL="Ümraniye Belediyesi <cozummerkezi@umraniye.bel.tr>",
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        STATIC_ROOT=str(workdir / "static"),
        HANDOFF_CONNECTOR="webhook",
        HANDOFF_URL=f"http://127.0.0.1:{STANDIN_PORT}/cases",
        HANDOFF_SECRET=SECRET,
    )


def empty_database(url):
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def manage(env, *args):
    done = subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def parse_form(html):
    """(CSRF token, the form's address, topic ids, neighbourhood ids) of the suggestion box's page."""

    def options(name):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        return re.findall(r'<option value="(\d+)"', select)

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    action = re.search(r'<form [^>]*class="[^"]*suggestion-form[^"]*"[^>]*action="([^"]+)"', html).group(1)
    return token, action, options("topic"), options("neighbourhood")


def submission(number, token, topics, neighbourhoods):
    """The fields resident `number` sends: a kind, topic and mahalle in turn, a phone and e-mail of their own."""
    return {
        "csrfmiddlewaretoken": token,
        "submission": str(uuid.uuid4()),  # each resident's page has its own one-time key
        "kind": ["suggestion", "request", "complaint"][number % 3],
        "topic": topics[number % len(topics)],
        "neighbourhood": neighbourhoods[number % len(neighbourhoods)],
        "address": f"Alemdağ Caddesi No {number % 200 + 1}",
        "description": DESCRIPTIONS[number % len(DESCRIPTIONS)],
        "name": "Ayşe Yılmaz",
        "phone": f"0532 {number // 10000 % 1000:03d} {number % 10000:04d}",
        "email": f"sakin{number}@example.org",
        "reply_by": "email",
        "consent": "on",
        "website": "",
    }


class Form:
    """The suggestion form as a browser has it: its address, CSRF token and cookie, topics and neighbourhoods."""

    def __init__(self, base, page):
        request = urllib.request.Request(base + page)
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            html = response.read().decode()
            cookies = response.headers.get_all("Set-Cookie")
        self.cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
        self.token, self.path, self.topics, self.neighbourhoods = parse_form(html)

    def body(self, number):
        return urllib.parse.urlencode(submission(number, self.token, self.topics, self.neighbourhoods)).encode()


PORTAL_HOST = ""  # host:port the residents post to, set by main()


# Without JavaScript, a resident whose street already has an open public report of the same topic is asked first
# whether theirs is one of them (the page links to the list): an answer, not an error.
ASKED = b'href="#nearby"'


async def submit(form, number, due, results):
    """One resident's POST from its own loopback address; records (due time, seconds until answered, status)."""
    await asyncio.sleep(max(0.0, due - time.monotonic()))
    body = form.body(number)
    head = (
        f"POST {form.path} HTTP/1.1\r\nHost: {PORTAL_HOST}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nCookie: {form.cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    address = f"127.1.{number // 250 % 250}.{number % 250 + 1}"
    status = 0
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", int(PORTAL_HOST.rsplit(":", 1)[1]), local_addr=(address, 0)), 30
        )
        writer.write(head + body)
        line = await asyncio.wait_for(reader.readline(), 30)
        status = int(line.split()[1])
        answer = await asyncio.wait_for(reader.read(), 30)
        if status == 200 and ASKED in answer:
            status = "asked"
        writer.close()
    except (TimeoutError, OSError, IndexError, ValueError):
        pass
    results.append((due, time.monotonic() - due, status))


async def load(form, rate, seconds, start, first=0):
    """Send `rate` submissions a second for `seconds` from `start` (time.monotonic())."""
    results = []
    tasks = [
        asyncio.create_task(submit(form, first + number, start + number / rate, results))
        for number in range(rate * seconds)
    ]
    await asyncio.gather(*tasks)
    return results


def residents(form, rate, seconds, phases=(), first=0):
    """The residents send from a process of their own, while this one switches the stand-in's phases on time.

    In this process the stand-in municipal system answers the hand-offs on threads that share its interpreter
    lock: residents sending from here were held back by it and their latencies were the bench's, not the
    portal's. Returns the start, the results and the CPU seconds the residents' process used."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    start = time.monotonic() + 1.0

    def send_all():
        results = asyncio.run(load(form, rate, seconds, start, first))
        used = os.times()
        sender.send((results, used.user + used.system))

    process = context.Process(target=send_all, daemon=True)
    process.start()
    for offset, action in phases:
        time.sleep(max(0.0, start + offset - time.monotonic()))
        action()
    while not receiver.poll(1):
        if not process.is_alive():
            sys.exit("the residents' process ended without its results")
    results, cpu = receiver.recv()
    process.join()
    return start, results, cpu


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report_phase(name, results, seconds):
    accepted = [latency for _due, latency, status in results if status == 302]
    refused = collections.Counter(status for _due, _latency, status in results if status != 302)
    labels = {0: "without an answer", "asked": "asked first whether it is one of the open reports on their street"}
    other = ", ".join(f"{count} {labels.get(status, status)}" for status, count in refused.items())
    print(
        f"{name:<34} {len(accepted) / seconds:6.1f} accepted/s   "
        f"median {statistics.median(accepted) * 1000 if accepted else float('nan'):5.0f} ms   "
        f"p95 {percentile(accepted, 0.95) * 1000:5.0f} ms   p99 {percentile(accepted, 0.99) * 1000:5.0f} ms"
        + (f"   not accepted: {other}" if other else "")
    )
    return accepted


def counts():
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from complaints.models import Delivery

    deliveries = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")))
    waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    return deliveries, waiting


def drain(label, seconds=900):
    """Wait until no delivery waits and the task queue is empty; print progress every 10 s."""
    from complaints.models import Delivery

    started = last = time.monotonic()
    while True:
        deliveries, waiting = counts()
        unsettled = sum(n for status, n in deliveries.items() if status not in {Delivery.Status.DELIVERED})
        done = unsettled == 0 and waiting == 0
        if done or time.monotonic() - last >= 10:
            shown = ", ".join(f"{status} {n}" for status, n in sorted(deliveries.items()))
            print(f"  {label}: {time.monotonic() - started:5.0f} s  deliveries: {shown}; tasks waiting: {waiting}")
            last = time.monotonic()
        if done:
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            print(f"  {label}: gave up after {seconds} s")
            return None
        time.sleep(1)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stat(pid):
    """(ppid, utime+stime, cutime+cstime) of a process, in clock ticks; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def cpu_seconds(pids):
    """CPU seconds used so far by the processes `pids` and their descendants: each one's utime+stime, and the
    named processes' cutime+cstime (children that exited and were reaped, such as recycled gunicorn workers)."""
    stats = {int(entry.name): _stat(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()}
    children = collections.defaultdict(list)
    for pid, stat in stats.items():
        if stat:
            children[stat[0]].append(pid)
    ticks, waiting = 0, [pid for pid in pids if stats.get(pid)]
    ticks += sum(stats[pid][2] for pid in waiting)
    while waiting:
        pid = waiting.pop()
        ticks += stats[pid][1]
        waiting.extend(children[pid])
    return ticks / os.sysconf("SC_CLK_TCK")


def forget_counters(redis_url, prefix):
    """Empty the cache the stack on this port used before (deploy/stack.py's key prefix): the residents of every
    run have the same phone numbers and addresses, and an earlier run's rate-limit counters would refuse them."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{prefix}*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


def own_cpu():
    """This process's own CPU seconds (the stand-in's threads, the bookkeeping), without its children: the stack
    it started and the residents' process are counted apart."""
    used = os.times()
    return used.user + used.system


def other_processes(stack):
    """What else the run keeps busy, by name: PostgreSQL (the server and its backends), Redis and nginx."""

    def oldest(name):
        found = subprocess.run(["pgrep", "-o", "-x", name], capture_output=True, text=True).stdout.split()
        return [int(pid) for pid in found]

    named = [("PostgreSQL", oldest("postgres")), ("Redis", oldest("redis-server"))]
    if stack is not None and stack.nginx is not None:
        named.append(("nginx", [stack.nginx.pid]))
    return named


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=100, help="submissions per second")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--app-workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--task-workers", type=int, default=2, help="task worker processes")
    parser.add_argument("--app-servers", type=int, default=0, help="app servers behind nginx (0: gunicorn alone)")
    parser.add_argument("--kill", action="store_true", help="kill one app server and one task worker mid-run")
    parser.add_argument("--steady", action="store_true", help="the municipal system stays up the whole run")
    parser.add_argument("--port", type=int, default=0, help="first of the ports to use (default: free ports)")
    args = parser.parse_args()
    global PORTAL_HOST, PORTAL_PORT, STANDIN_PORT
    PORTAL_PORT = args.port or free_port()
    STANDIN_PORT = args.port + 1 if args.port else free_port()
    PORTAL_HOST = f"127.0.0.1:{PORTAL_PORT}"

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/intake_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    workdir = Path(tempfile.mkdtemp(prefix="kentkonseyi-intake-"))
    env = environment(workdir, database_url, redis_url)
    os.environ.update(env)

    print("Preparing PostgreSQL, static files and the demo site ...", flush=True)
    empty_database(database_url)
    forget_counters(redis_url, f"stack-{PORTAL_PORT}:")
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(dict(env, HANDOFF_CONNECTOR=""), "load_demo_content")  # the demo's own cases stay at home

    import django

    django.setup()
    from complaints.fake_system import FakeComplaintSystem
    from complaints.models import Case, CaseEvent, Delivery, RemoteUpdate

    stack = None
    if args.app_servers:
        from deploy.stack import Stack

        stack = Stack(
            workdir, database_url, redis_url, port=PORTAL_PORT, app_servers=args.app_servers, web_workers=args.app_workers,
            task_workers=args.task_workers, access_log=False, settings="bench.intake_settings",
            extra_env={key: value for key, value in env.items() if key not in os.environ or os.environ[key] != value},
        )  # fmt: skip
        if args.port:
            stack.app_ports = [args.port + 2 + index for index in range(args.app_servers)]
            stack.app_urls = [f"http://127.0.0.1:{port}" for port in stack.app_ports]
        for folder in ("logs", "public/static", "public/media", "private", "mail", "nginx", "metrics"):
            (workdir / folder).mkdir(parents=True, exist_ok=True)
        stack.extra_env.update(
            STATIC_ROOT=str(workdir / "public" / "static"), MEDIA_ROOT=str(workdir / "public" / "media"),
            SITE_URL=stack.url, PAGE_CACHE_PURGE_URLS=stack.url,
        )  # fmt: skip
        manage(stack.env(), "collectstatic", "--no-input")
    portal = f"http://{PORTAL_HOST}"
    standin = FakeComplaintSystem(portal, SECRET, port=STANDIN_PORT, answer_after=None, log=lambda _line: None)
    standin.start()
    processes = []
    if stack:
        stack.start()
    else:
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", str(args.app_workers), "--bind",
                 f"127.0.0.1:{PORTAL_PORT}", "--backlog", "2048", "--log-level", "warning"],
                env=env, cwd=ROOT,
            )
        )  # fmt: skip
        for _worker in range(args.task_workers):
            processes.append(
                subprocess.Popen(
                    ["chrt", "--idle", "0", PYTHON, "manage.py", "task_worker", "--interval", "0.2", "-v", "0"],
                    env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                )
            )  # fmt: skip
    try:
        wait_for(portal + "/health/")
        form = Form(portal, "/oneri-kutusu/")
        last_before = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        third = args.seconds / 3

        def down():
            standin.stop()

        def slow():
            standin.delay = 30.0
            standin.start()

        def kill():
            stack.kill(stack.app_servers[0])
            stack.kill(stack.task_workers[0])
            print(f"  killed app server {stack.app_urls[0]} and task worker 0 (SIGKILL)", flush=True)

        # A server that has been running a while: every worker has loaded its code and connected.
        # Its residents' phone numbers (0532 999 …) are not the run's, whose per-number limits they would use up.
        warm_up = residents(form, 20, 3, first=9_990_000)[1]
        drain("warm-up")
        app_pids = [process.pid for process in (stack.app_servers if stack else processes[:1])]
        worker_pids = [process.pid for process in (stack.task_workers if stack else processes[1:])]
        others = other_processes(stack)
        cpu_before = (
            cpu_seconds(app_pids),
            cpu_seconds(worker_pids),
            {name: cpu_seconds(pids) for name, pids in others},
            own_cpu(),
        )
        print(
            f"Sending {args.rate} submissions/s for {args.seconds} s to "
            + (f"nginx and {args.app_servers} app servers of" if stack else "gunicorn with")
            + f" {args.app_workers} workers, {args.task_workers} task workers ...",
            flush=True,
        )
        events = [] if args.steady else [(third, down), (2 * third, slow)]
        if args.kill and stack:
            events.insert(0, (third / 2, kill))
        start, results, residents_cpu = residents(form, args.rate, args.seconds, events)
        standin.delay = 0.0
        print()
        print(f"{'phase':<34} {'rate':>6}{'':19}{'latency from the moment each was due'}")
        phases = [
            ("municipal system up", 0, third),
            ("municipal system down", third, 2 * third),
            ("municipal system answering after 30 s", 2 * third, args.seconds),
        ]
        if args.steady:
            phases = [("municipal system up", 0, args.seconds)]
        for name, begin, end in phases:
            report_phase(name, [r for r in results if begin <= r[0] - start < end], end - begin)
        accepted = report_phase("whole run", results, args.seconds)

        print("\nAfterwards, with the municipal system back to normal:")
        drain("hand-offs")
        # Both after the queue is empty: an overloaded server still works on requests whose sender gave up.
        app_cpu, worker_cpu = cpu_seconds(app_pids) - cpu_before[0], cpu_seconds(worker_pids) - cpu_before[1]
        other_cpu = {name: cpu_seconds(pids) - cpu_before[2][name] for name, pids in others}
        other_cpu["stand-in municipal system (this bench)"] = own_cpu() - cpu_before[3]
        other_cpu["residents (their own process)"] = residents_cpu
        stored = Case.objects.filter(pk__gt=last_before).count()
        deliveries = Delivery.objects.filter(case__pk__gt=last_before, status=Delivery.Status.DELIVERED)
        delivered = dict(deliveries.values_list("case__uuid", "remote_reference"))
        posts = standin.posts
        mismatched = sum(1 for key, number in delivered.items() if standin.cases.get(str(key)) != number)
        print(
            f"  cases accepted (302) {len(accepted)} and {len(warm_up)} in the warm-up before, stored {stored}, "
            f"hand-offs delivered {len(delivered)}"
        )
        print(
            f"  at the municipal system: {len(standin.cases)} cases, hand-off requests {sum(posts.values())}, "
            f"cases sent more than once {sum(1 for n in posts.values() if n > 1)}"
        )
        lost = stored - sum(1 for key in delivered if str(key) in standin.cases)
        duplicated = len(standin.cases) - len({str(key) for key in delivered} & set(standin.cases))
        print(f"  lost {lost}, duplicated {duplicated}, stored under another number {mismatched}")
        missing = len(accepted) + len(warm_up) - stored
        print(
            f"  accepted but not stored {max(0, missing)}; not accepted (the resident saw an error) "
            f"{sum(1 for r in results if r[2] not in (302, 'asked'))}"
        )

        per = max(1, stored) / 1000
        print(
            f"  CPU per case stored: app servers {app_cpu / per:.1f} ms, task workers {worker_cpu / per:.1f} ms "
            f"(from the start of the run until the hand-offs were done{'; a killed process not counted' if args.kill else ''})"
        )
        print(
            "  and of the rest of the machine: "
            + ", ".join(f"{name} {seconds / per:.1f} ms" for name, seconds in other_cpu.items())
        )

        print("The municipal system answers every case, then sends every answer again:")
        applied_before = RemoteUpdate.objects.count()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            for _round in range(2):
                list(pool.map(lambda item: standin.answer(*item), list(standin.cases.items())))
        drain("answers")
        answered = CaseEvent.objects.filter(action=CaseEvent.Action.ANSWERED, actor=None)
        twice = answered.values("case").annotate(n=django.db.models.Count("pk")).filter(n__gt=1).count()
        print(
            f"  updates applied {RemoteUpdate.objects.count() - applied_before} of {2 * len(standin.cases)} sent; "
            f"cases answered {Case.objects.filter(status=Case.Status.ANSWERED, delivery__isnull=False).count()}, "
            f"answered twice {twice}"
        )
    finally:
        if stack:
            stack.stop()
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        if standin.server is not None:
            standin.stop()


if __name__ == "__main__":
    main()
