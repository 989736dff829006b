"""A task whose worker died is run again by another worker; a live worker's task is left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from operations import workers
from operations.tasks import apply_retention

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def claimed_by(worker_id, seconds_ago):
    result = DBTaskResult.objects.get(pk=apply_retention.enqueue().id)
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - timedelta(seconds=seconds_ago))
    return result.pk


@pytest.mark.django_db
def test_the_task_of_a_worker_that_stopped_beating_goes_back_in_the_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    workers.beat("alive")
    dead = claimed_by("dead", seconds_ago=60)
    alive = claimed_by("alive", seconds_ago=60)
    just_started = claimed_by("starting", seconds_ago=1)

    assert workers.requeue_orphans() == 1

    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[dead] == TaskResultStatus.READY
    assert statuses[alive] == TaskResultStatus.RUNNING
    assert statuses[just_started] == TaskResultStatus.RUNNING  # a worker gets a moment to send its first beat
    assert DBTaskResult.objects.ready().filter(pk=dead).exists()
    assert workers.requeue_orphans() == 0


@pytest.mark.django_db
def test_looking_for_orphans_costs_two_queries_whatever_the_queue_holds(settings, django_assert_max_num_queries):
    settings.TASKS = DATABASE_QUEUE
    for index in range(20):
        claimed_by(f"dead-{index}", seconds_ago=60)
    with django_assert_max_num_queries(2):
        assert workers.requeue_orphans() == 20
