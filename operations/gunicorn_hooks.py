"""Server hooks for gunicorn's configuration file: `from operations.gunicorn_hooks import child_exit, on_starting`.

They keep prometheus_client's multiprocess files (PROMETHEUS_MULTIPROC_DIR) right; without
that variable they do nothing. This module imports neither Django nor the project.
"""

import os
from pathlib import Path

from prometheus_client import multiprocess


def on_starting(server):
    """Start from an empty metrics directory: files of an earlier run would add its counts to this one's."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    for stale in Path(directory).glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A worker ended: drop its live gauges (its counters stay, so totals keep adding up)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
