import socket
from datetime import timedelta

import pytest
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def tidy_up():
    """A task for the queue to hold; no worker runs it here."""


def closed_port():
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database():
    """The default connection replaced by one to a database that cannot be reached, for the length of the test.

    The test's own connection (and its transaction) is left alone and put back afterwards.
    """
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/portal.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    broken = original.__class__(settings_dict, alias="default")
    connections["default"] = broken
    yield
    broken.close()
    connections["default"] = original


@pytest.mark.django_db
def test_health_answers_200_when_everything_is_up(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": {"status": "ok", "waiting": 0, "oldest_seconds": None, "max_seconds": 300},
    }
    assert "no-cache" in response["Cache-Control"]
    assert reverse("health") == "/health/"


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "OperationalError"
    assert body["tasks"] == {"status": "skipped"}
    # The class name only: no host, port or file name from the error's message.
    assert b"127.0.0.1" not in response.content
    assert b"nonexistent" not in response.content


@pytest.mark.django_db
def test_health_answers_503_when_the_cache_is_unreachable(client):
    redis_down = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}
    with override_settings(CACHES=redis_down):
        response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["cache"] == "ConnectionError"


@pytest.mark.django_db
def test_health_answers_503_when_a_task_waits_too_long(client, settings):
    settings.TASKS = DATABASE_QUEUE
    tidy_up.enqueue()
    fresh = client.get("/health/")
    assert fresh.status_code == 200
    assert fresh.json()["tasks"]["waiting"] == 1
    assert 0 <= fresh.json()["tasks"]["oldest_seconds"] < 60

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    stale = client.get("/health/")
    assert stale.status_code == 503
    tasks = stale.json()["tasks"]
    assert tasks["status"] == "stale"
    assert tasks["waiting"] == 1
    assert 590 < tasks["oldest_seconds"] < 700

    settings.HEALTH_MAX_TASK_AGE = 3600
    assert client.get("/health/").status_code == 200


@pytest.mark.django_db
def test_health_counts_a_task_from_when_it_may_run(client, settings):
    """A task told to run later waits only from then; one still in the future does not wait at all."""
    settings.TASKS = DATABASE_QUEUE
    now = timezone.now()
    tidy_up.using(run_after=now + timedelta(hours=1)).enqueue()
    result = tidy_up.using(run_after=now + timedelta(minutes=1)).enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=now - timedelta(hours=2), run_after=now - timedelta(minutes=2)
    )
    tasks = client.get("/health/").json()["tasks"]
    assert tasks["waiting"] == 1
    assert 115 < tasks["oldest_seconds"] < 200


@pytest.mark.django_db
def test_finished_and_running_tasks_do_not_count_as_waiting(client, settings):
    settings.TASKS = DATABASE_QUEUE
    for _ in range(3):
        tidy_up.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1), status="SUCCESSFUL")
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["tasks"]["waiting"] == 0


@pytest.mark.django_db
def test_health_makes_at_most_three_queries(client, settings, django_assert_max_num_queries):
    settings.TASKS = DATABASE_QUEUE
    for _ in range(5):
        tidy_up.enqueue()
    with django_assert_max_num_queries(3):
        response = client.get("/health/")
    assert response.json()["tasks"]["waiting"] == 5
