"""Stopping `make prod` (deploy/stack.py) leaves no child behind, whatever happened to the others before."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from deploy.stack import _group_members

ROOT = Path(__file__).resolve().parents[2]

# A leader with a worker in its process group, as gunicorn's master and its workers.
APP_SERVER = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); time.sleep(600)"
# A task worker busy with a task that does not stop on SIGTERM.
STUBBORN_WORKER = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"

SUPERVISOR = f"""
import json, sys
from deploy.stack import Children, supervise

children = Children(timeout=3)
commands = [{APP_SERVER!r}, {APP_SERVER!r}, {STUBBORN_WORKER!r}, {STUBBORN_WORKER!r}]

def start():
    for command in commands:
        children.spawn([sys.executable, "-c", command])

def started():
    with open(sys.argv[1], "w") as file:
        json.dump([process.pid for process in children.processes], file)

supervise(children, start, started)
"""


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_sigterm_stops_every_child_even_after_one_app_server_was_killed(tmp_path):
    started = tmp_path / "children.json"
    supervisor = subprocess.Popen([sys.executable, "-c", SUPERVISOR, str(started)], cwd=ROOT)
    groups = []
    try:
        assert wait_until(started.exists, 30), "the supervisor did not start its children"
        time.sleep(0.2)
        groups = json.loads(started.read_text())
        assert wait_until(lambda: len(_group_members(groups[0])) == 2, 10)  # the app server's worker is up

        os.kill(groups[0], signal.SIGKILL)  # one app server's master dies alone; its worker is orphaned
        supervisor.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        supervisor.send_signal(signal.SIGTERM)  # asked again while stopping (make, systemd, an impatient person)

        assert supervisor.wait(timeout=30) == 0
        left = {pgid: _group_members(pgid) for pgid in groups}
        assert not any(left.values()), left
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
        for pgid in groups:
            for pid in _group_members(pgid):
                os.kill(pid, signal.SIGKILL)
