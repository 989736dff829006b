"""Throughput through nginx: the portal uncached and cached, bakerydemo, and a static file, in one run.

    .venv/bin/python bench/stack.py [--seconds 10] [--connections 16] [--bakerydemo /work/bakerydemo]

Starts the production stack (deploy/stack.py: nginx, gunicorn, PostgreSQL, Redis) with
one app server of 2 gunicorn workers, the same as bakerydemo gets, in a fresh
database with the demo content; and bakerydemo (Wagtail's official demo, production
settings, gunicorn with 2 workers) from a checkout given by --bakerydemo, whose
`serve.sh PORT` starts it (README, "Benchmarks", says how to set one up). Both sit
behind the same nginx: bakerydemo through a plain proxy on a second port.

For each page kind (home page, an assembly page, the news index; for bakerydemo the
home page, the breads index and the blog index) wrk measures requests per second
uncached (a cookie makes nginx pass every request to the app servers, as for a
signed-in visitor) and cached (anonymous: nginx answers from its page cache), and
the same nginx serving a static file. Targets (issue 9): uncached ≥ 1.5× bakerydemo;
cached ≥ 50 % of the static file. Talks only to 127.0.0.1.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack, drop_database, free_port, wait_for  # noqa: E402

OURS = [("home page", "/"), ("assembly page", "/meclisler/kadin-meclisi/"), ("news index", "/haberler/")]
BAKERYDEMO = [("home page", "/"), ("section (breads index)", "/breads/"), ("blog index", "/blog/")]
UNCACHED = "Cookie: bench=uncached"

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


def wrk(url, seconds, connections, header=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if header:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    return rps, int(errors.group(1)) if errors else 0, p99.group(1) if p99 else "?"


def check(url, header=None, expect_cache=None):
    request = urllib.request.Request(url, headers=dict([header.split(": ", 1)]) if header else {})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200, url
        if expect_cache:
            status = answer.headers.get("X-Cache-Status")
            assert status in expect_cache, (url, status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--bakerydemo", default=os.environ.get("BAKERYDEMO_DIR", "/work/bakerydemo"))
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stack_bench")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    options = parser.parse_args()

    run = Path(tempfile.mkdtemp(prefix="kentkonseyi-stack-bench-"))
    stack = Stack(run, options.database_url, options.redis_url, app_servers=1, web_workers=2, task_workers=1)
    stack.access_log = False
    print("Preparing the portal (fresh database, demo content)…", flush=True)
    stack.prepare(demo=True, fresh=True)

    bakerydemo = Path(options.bakerydemo) / "serve.sh"
    bakery_process = None
    bakery_url = None
    if bakerydemo.exists():
        upstream, bakery_port = free_port(), free_port()
        bakery_process = subprocess.Popen(
            ["bash", str(bakerydemo), str(upstream)],
            stdout=open(run / "bakerydemo.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"http://127.0.0.1:{upstream}/", timeout=120, process=bakery_process)
        original = stack.write_nginx_conf

        def with_bakerydemo():
            conf = original()
            text = conf.read_text().rstrip()
            assert text.endswith("}")
            conf.write_text(text[:-1] + BAKERYDEMO_SERVER.format(port=bakery_port, upstream=upstream))
            return conf

        stack.write_nginx_conf = with_bakerydemo
        bakery_url = f"http://127.0.0.1:{bakery_port}"
    else:
        print(f"No bakerydemo at {options.bakerydemo} (its serve.sh): the portal is measured alone.")

    results = []
    try:
        stack.start()
        with urllib.request.urlopen(stack.url) as home:
            static = re.search(r'href="(/static/[^"]+\.css)"', home.read().decode())
        static_url = stack.url + static.group(1)
        for _label, path in OURS:
            check(stack.url + path)
            check(stack.url + path, expect_cache={"HIT"})
            check(stack.url + path, header=UNCACHED, expect_cache={"BYPASS"})
        if bakery_url:
            for _label, path in BAKERYDEMO:
                check(bakery_url + path)
        time.sleep(2)
        static_rps, static_errors, static_p99 = wrk(static_url, options.seconds, options.connections)
        for (label, path), (bakery_label, bakery_path) in zip(OURS, BAKERYDEMO, strict=True):
            uncached = wrk(stack.url + path, options.seconds, options.connections, UNCACHED)
            cached = wrk(stack.url + path, options.seconds, options.connections)
            bakery = wrk(bakery_url + bakery_path, options.seconds, options.connections) if bakery_url else None
            results.append((label, path, uncached, cached, bakery_label, bakery_path, bakery))
    finally:
        stack.stop()
        if bakery_process:
            stack.kill(bakery_process)
        drop_database(options.database_url)

    print(f"\nwrk -t2 -c{options.connections} -d{options.seconds}s through nginx; requests per second (errors, p99)")
    print(f"static file {static.group(1)}: {static_rps:,.0f}/s ({static_errors} errors, p99 {static_p99})\n")
    header = f"{'page':<16}{'uncached':>22}{'cached':>22}{'bakerydemo':>34}{'uncached/bakery':>17}{'cached/static':>15}"
    print(header)
    for label, _path, uncached, cached, _bakery_label, bakery_path, bakery in results:
        ratio = f"{uncached[0] / bakery[0]:.2f}×" if bakery else "-"
        bakery_text = f"{bakery_path} {bakery[0]:,.0f} ({bakery[1]}, {bakery[2]})" if bakery else "-"
        print(
            f"{label:<16}{f'{uncached[0]:,.0f} ({uncached[1]}, {uncached[2]})':>22}"
            f"{f'{cached[0]:,.0f} ({cached[1]}, {cached[2]})':>22}{bakery_text:>34}{ratio:>17}"
            f"{cached[0] / static_rps:>14.0%}"
        )
    worst_ratio = min((u[0] / b[0] for _l, _p, u, _c, _bl, _bp, b in results if b), default=None)
    worst_cached = min(c[0] / static_rps for _l, _p, _u, c, _bl, _bp, _b in results)
    print(
        f"\nuncached vs bakerydemo: {f'{worst_ratio:.2f}×' if worst_ratio else 'not measured'} at worst (goal ≥ 1.5×); "
        f"cached vs static: {worst_cached:.0%} at worst (goal ≥ 50 %)"
    )


if __name__ == "__main__":
    main()
