"""The production stack on one machine, from this folder's configuration: `make prod`.

    .venv/bin/python deploy/stack.py [--port 8080] [--app-servers 2] [--web-workers 2] [--task-workers 2]

nginx in front (deploy/nginx/: static and media files, gzip, the page cache, request
limits), several gunicorn app servers (deploy/gunicorn.conf.py) with production
settings, task workers (`manage.py task_worker`) under the idle CPU policy,
PostgreSQL for data and the task queue, Redis for the cache and sessions. Each app
server is what one machine of a real deployment runs; they share nothing but the
database, Redis and the media folder, as separate machines would.

It creates the database if missing, migrates, collects static files, loads the demo
content and serves until Ctrl-C; everything it writes lives in the run folder
(var/prod/ by default: logs/, public/static, public/media, mail/). Plain HTTP on
loopback: a real server terminates TLS in nginx (deploy/nginx/kentkonseyi.conf).
Tests and benchmarks use the `Stack` class directly.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BIN = Path(PYTHON).parent
NGINX_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"

NGINX_CONF = """\
# Written by deploy/stack.py for a stack on one machine; the site on a real server is kentkonseyi.conf.
load_module {module};
worker_processes 2;
pid {run}/nginx.pid;
error_log {run}/logs/nginx-error.log warn;
{user}
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {run}/nginx/body;
    proxy_temp_path {run}/nginx/proxy;
    fastcgi_temp_path {run}/nginx/fastcgi;
    uwsgi_temp_path {run}/nginx/uwsgi;
    scgi_temp_path {run}/nginx/scgi;
    include kentkonseyi/http.conf;
    access_log {access_log};
    upstream kentkonseyi {{
{servers}
        keepalive 32;
    }}
    geo $kk_purger {{
        default 0;
        127.0.0.1 1;
        ::1 1;
    }}
    proxy_cache_path {run}/nginx/cache levels=1:2 keys_zone=kentkonseyi_pages:20m max_size=1g inactive=1h
                     use_temp_path=off;
    server {{
        listen 127.0.0.1:{port} reuseport;
        server_name _;
        set $kk_files {run}/public;
        include kentkonseyi/portal.conf;
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped at start-up (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def create_database(url, fresh=False):
    """Make sure the PostgreSQL database of `url` exists; with `fresh`, start it empty."""
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    server = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    server = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _group_members(pgid):
    """The live (not zombie) processes of process group `pgid`."""
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: ask the kernel whether any process is left in the group
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        except PermissionError:
            pass
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the command name (which may hold spaces): state, ppid, pgrp, ...
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members


class Children:
    """Child processes, each leading its own process group, stopped together whatever became of any of them.

    A group outlives its leader: a gunicorn master killed alone leaves its workers behind, so stopping
    signals every group, not only the leaders still running, waits for all of them at once, and after
    `timeout` seconds kills what is left (SIGKILL).
    """

    def __init__(self, timeout=40):
        self.timeout = timeout
        self.processes = []

    def spawn(self, command, **options):
        process = subprocess.Popen(command, start_new_session=True, **options)
        self.processes.append(process)
        return process

    def _signal(self, processes, sig):
        for process in processes:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, sig)

    def _left(self, processes):
        for process in processes:
            process.poll()  # reap a leader that has ended, so it does not count as a member
        return [process for process in processes if _group_members(process.pid)]

    def stop(self, processes=None, sig=signal.SIGTERM, timeout=None):
        """Send `sig` to the groups of `processes` (default: all), wait, then SIGKILL whatever is still running."""
        processes = [process for process in (self.processes if processes is None else processes) if process]
        timeout = self.timeout if timeout is None else timeout
        self._signal(processes, sig)
        deadline = time.monotonic() + timeout
        left = self._left(processes)
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = self._left(left)
        if left:
            self._signal(left, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while self._left(left) and time.monotonic() < deadline:
                time.sleep(0.1)
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=1)


class StopRequested(Exception):
    """SIGTERM or SIGINT reached the supervisor."""


def supervise(children, start, started=None):
    """Run `start()`, call `started()`, and serve until SIGTERM or SIGINT (Ctrl-C); then stop every child.

    The children are stopped whatever failed or arrived meanwhile: a start-up that failed half-way, a child
    that died on its own, a second signal while stopping (ignored, where it used to abort the stopping and
    leave app servers and task workers running).
    """
    requested = []

    def request_stop(signum, frame):
        if not requested:
            requested.append(signum)
            raise StopRequested

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        start()
        if started is not None:
            started()
        while True:
            signal.pause()
    except StopRequested:
        pass
    finally:
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        try:
            children.stop()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class Stack:
    """nginx, app servers and task workers on this machine, started and stopped together."""

    def __init__(
        self,
        run_dir,
        database_url,
        redis_url,
        port=None,
        app_servers=2,
        web_workers=2,
        task_workers=2,
        access_log=True,
        extra_env=None,
        settings="config.settings.production",
    ):
        self.run = Path(run_dir).resolve()
        self.database_url = database_url
        self.redis_url = redis_url
        self.port = port or free_port()
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.web_workers = web_workers
        self.task_worker_count = task_workers
        self.access_log = access_log
        self.extra_env = extra_env or {}
        self.settings = settings
        self.url = f"http://127.0.0.1:{self.port}"
        self.app_urls = [f"http://127.0.0.1:{port}" for port in self.app_ports]
        self.metrics_token = secrets.token_urlsafe(24)
        self.nginx = None
        self.app_servers = []
        self.task_workers = []
        self.children = Children()

    # Settings: production, told it is on loopback over plain HTTP.
    def env(self, settings=None):
        secret_file = self.run / "secret_key"
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(50))
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings or self.settings,
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": secret_file.read_text(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": f"stack-{self.port}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.run / "mail"),
            "DEFAULT_FROM_EMAIL": "Ümraniye Kent Konseyi <kentkonseyi@umraniye.bel.tr>",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(self.run / "public" / "static"),
            "MEDIA_ROOT": str(self.run / "public" / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.run / "private"),
            "PAGE_CACHE_PURGE_URLS": self.url,
            "METRICS_TOKEN": self.metrics_token,
            "LOG_FORMAT": "json",
            **self.extra_env,
        }

    def manage(self, *args, settings=None):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(settings), check=True)

    def prepare(self, demo=True, fresh=False):
        """Database, migrations, static files and (through the development settings) the demo content."""
        for folder in ("logs", "public/static", "public/media", "private", "mail", "nginx", "metrics"):
            (self.run / folder).mkdir(parents=True, exist_ok=True)
        create_database(self.database_url, fresh=fresh)
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        if demo:
            env = {"PAGE_CACHE_PURGE_URLS": ""}
            saved, self.extra_env = self.extra_env, {**self.extra_env, **env}
            try:
                self.manage("load_demo_content", "--demo-logins", settings="config.settings.dev")
            finally:
                self.extra_env = saved
        for command in (
            ["send_event_reminders", "--schedule"],
            ["send_escort_reminders", "--schedule"],
            ["send_employment_follow_ups", "--schedule"],
            ["poll_handoff", "--schedule"],
            ["retry_outbox", "--schedule"],
        ):
            self.manage(*command)
        retention = ROOT / "operations" / "management" / "commands" / "apply_retention.py"
        if retention.exists():
            self.manage("apply_retention", "--schedule")

    def _log(self, name):
        return open(self.run / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child process

    def start_app_server(self, index):
        port = self.app_ports[index]
        metrics = self.run / "metrics" / str(index)
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir(parents=True)
        env = {
            **self.env(),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(self.web_workers),
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        }
        process = self.children.spawn(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=self._log(f"app-{index}"),
            stderr=subprocess.STDOUT,
        )
        if index < len(self.app_servers):
            self.app_servers[index] = process
        else:
            self.app_servers.append(process)
        wait_for(f"http://127.0.0.1:{port}/health/", process=process)
        return process

    def start_task_worker(self, index):
        process = self.children.spawn(
            ["chrt", "--idle", "0", PYTHON, "manage.py", "task_worker", "--worker-id", f"stack-{self.port}-{index}"],
            cwd=ROOT,
            env=self.env(),
            stdout=self._log(f"worker-{index}"),
            stderr=subprocess.STDOUT,
        )
        if index < len(self.task_workers):
            self.task_workers[index] = process
        else:
            self.task_workers.append(process)
        return process

    def write_nginx_conf(self):
        link = self.run / "kentkonseyi"
        if not link.exists():
            link.symlink_to(ROOT / "deploy" / "nginx")
        for folder in (
            "nginx/body",
            "nginx/proxy",
            "nginx/fastcgi",
            "nginx/uwsgi",
            "nginx/scgi",
            "nginx/cache",
            "logs",
        ):
            (self.run / folder).mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.app_ports)
        conf = self.run / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                module=NGINX_MODULE,
                run=self.run,
                port=self.port,
                servers=servers,
                # As root, nginx's workers would otherwise run as nobody, who cannot read the run folder.
                user="user root;" if os.geteuid() == 0 else "",
                access_log=f"{self.run}/logs/nginx-access.log kentkonseyi" if self.access_log else "off",
            )
        )
        return conf

    def start_nginx(self):
        conf = self.write_nginx_conf()
        command = ["nginx", "-p", str(self.run), "-c", str(conf), "-e", str(self.run / "logs" / "nginx-error.log")]
        subprocess.run([*command, "-t", "-q"], check=True)
        self.nginx = self.children.spawn(
            [*command, "-g", "daemon off;"], stdout=self._log("nginx"), stderr=subprocess.STDOUT
        )
        wait_for(self.url + "/health/", process=self.nginx)

    def start(self):
        for index in range(len(self.app_ports)):
            self.start_app_server(index)
        for index in range(self.task_worker_count):
            self.start_task_worker(index)
        self.start_nginx()
        return self

    def kill(self, process, sig=signal.SIGKILL):
        """Stop a process and its children at once (a machine lost), or gently with SIGTERM."""
        self.children.stop([process], sig=sig)

    def stop(self):
        """Stop nginx, every app server and every task worker, whatever happened to any of them before."""
        self.children.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--app-servers", type=int, default=2)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--run-dir", default=str(ROOT / "var" / "prod"))
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kentkonseyi")
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--fresh", action="store_true", help="empty the database first")
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo content")
    options = parser.parse_args()

    Path(options.run_dir).mkdir(parents=True, exist_ok=True)
    stack = Stack(
        options.run_dir,
        options.database_url,
        options.redis_url,
        port=options.port,
        app_servers=options.app_servers,
        web_workers=options.web_workers,
        task_workers=options.task_workers,
    )
    stack.prepare(demo=not options.no_demo, fresh=options.fresh)

    def started():
        print(f"\nThe production stack is serving {stack.url}/ (Ctrl-C stops it).")
        print(f"  app servers: {', '.join(stack.app_urls)}; task workers: {options.task_workers}")
        print(f"  health: {stack.url}/health/   metrics: {stack.url}/metrics/ (Bearer {stack.metrics_token})")
        print(f"  logs (JSON): {stack.run / 'logs'}   mail: {stack.run / 'mail'}")
        if not options.no_demo:
            rule = "!" * 100
            print(
                f"\n{rule}\n  DEMO LOGINS ARE ACTIVE: every demo account, the administrator's too, signs in with the public\n"
                "  password printed in the README. This stack is a demonstration on this machine; `--no-demo` leaves\n"
                f"  the demo content out, and a real server's set-up (README, deploy/systemd) never loads it.\n{rule}"
            )

    supervise(stack.children, stack.start, started)


if __name__ == "__main__":
    main()
