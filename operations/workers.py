"""Task workers that keep an eye on each other, so a task is never lost with its worker.

A worker claims a task by marking it RUNNING with its id. If the worker is killed
outright (out of memory, a machine lost), the task would stay RUNNING for ever. So
each worker (`manage.py task_worker`) beats: every few seconds it writes its id in
the shared cache with a short lifetime, and puts back in the queue any task that is
still RUNNING under a worker whose beat has stopped. Tasks here are safe to run
again (the hand-off asks the far side before posting twice; notices are retried).
"""

import logging
import threading
from datetime import timedelta

from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

BEAT_EVERY = 5  # seconds
BEAT_LIFETIME = 20  # a worker silent this long is taken for dead


def beat_key(worker_id):
    return f"tasks:worker:{worker_id}"


def beat(worker_id):
    cache.set(beat_key(worker_id), timezone.now().isoformat(), BEAT_LIFETIME)


def requeue_orphans(now=None):
    """Put back in the queue the tasks whose worker stopped beating; returns how many."""
    now = now or timezone.now()
    running = list(
        DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - timedelta(seconds=BEAT_LIFETIME)
        ).values_list("pk", "worker_ids")
    )
    if not running:
        return 0
    alive = cache.get_many([beat_key(ids[-1]) for _pk, ids in running if ids])
    orphans = [pk for pk, ids in running if not ids or beat_key(ids[-1]) not in alive]
    if not orphans:
        return 0
    count = DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None, run_after=now
    )
    if count:
        logger.warning("Put %d task(s) of stopped workers back in the queue.", count)
    return count


class Heartbeat(threading.Thread):
    """Beats for one worker and looks after the others' orphans, beside the worker's own loop."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                beat(self.worker_id)
                requeue_orphans()
            except Exception:  # a passing database or cache failure must not stop the beat
                logger.exception("Task worker heartbeat failed")
            finally:
                close_old_connections()
                connection.close()
            self.stopped.wait(BEAT_EVERY)

    def stop(self):
        self.stopped.set()
