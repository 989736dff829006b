"""Queueing background work that must happen only if the current transaction commits."""

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` to run once the current transaction has committed, and never if it rolls back.

    A queue kept in the database takes the task inside the transaction itself: the task
    row commits with the rows it is about (nothing lost between commit and enqueue, and
    one commit instead of one per task). Other queues get the task after the commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None


def next_time_of_day(at, after):
    """The first moment at the local time of day `at` (Istanbul) strictly after `after`."""
    import datetime

    from django.utils import timezone

    local = timezone.localtime(after)
    run_at = timezone.make_aware(datetime.datetime.combine(local.date(), at))
    if run_at <= after:
        run_at = timezone.make_aware(datetime.datetime.combine(local.date() + datetime.timedelta(days=1), at))
    return run_at


def book_once(task, run_after):
    """Book `task` to run at `run_after`, unless one of it is already waiting in the queue.

    The scheduled jobs (reminders, follow-ups, digests) book themselves again when they run; `--schedule` on
    their commands starts the chain, and running it twice must not start two chains. Returns None where the
    queue runs tasks at once (the test suite): there is nothing to book into.
    """
    from django_tasks_db.models import DBTaskResult

    if not task.get_backend().supports_defer:
        return None
    if DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists():
        return None
    return task.using(run_after=run_after).enqueue()
