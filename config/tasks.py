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
