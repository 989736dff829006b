"""Queueing background work that must happen only if the current transaction commits."""

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
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


def take_waiting(task, context, limit):
    """Other waiting runs of `task`, taken over by the run `context` belongs to, so one run does the work of many
    (one claim, one transaction, one commit for all) when the queue has fallen behind: `[(id, args, kwargs)]`.

    Only with the queue in the database, and only up to `limit`. They are marked running under the same worker
    as this run, so if that worker dies the heartbeat puts them back in the queue with it (operations/workers.py);
    `settle()` then marks them done, or puts them back if this run failed.
    """
    from django_tasks_db.models import DBTaskResult

    if context is None or limit <= 0 or not isinstance(task.get_backend(), DatabaseBackend):
        return []
    own = context.task_result
    with transaction.atomic():
        waiting = list(
            DBTaskResult.objects.ready()
            .filter(task_path=task.module_path, queue_name=task.queue_name, backend_name=task.backend)
            .exclude(pk=own.id)
            .select_for_update(skip_locked=True)
            .values_list("pk", "args_kwargs")[:limit]
        )
        if waiting:
            DBTaskResult.objects.filter(pk__in=[pk for pk, _arguments in waiting]).update(
                status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=list(own.worker_ids)
            )
    return [(pk, arguments["args"], arguments["kwargs"]) for pk, arguments in waiting]


def settle(taken, succeeded):
    """The runs `take_waiting()` took: done, or back in the queue to run on their own."""
    from django_tasks_db.models import DBTaskResult

    if not taken:
        return
    runs = DBTaskResult.objects.filter(pk__in=[pk for pk, _args, _kwargs in taken], status=TaskResultStatus.RUNNING)
    if succeeded:
        runs.update(
            status=TaskResultStatus.SUCCESSFUL,
            finished_at=timezone.now(),
            return_value=None,
            exception_class_path="",
            traceback="",
        )
    else:
        runs.update(status=TaskResultStatus.READY, started_at=None)


def next_time_of_day(at, after):
    """The first moment at the local time of day `at` (Istanbul) strictly after `after`."""
    import datetime

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
