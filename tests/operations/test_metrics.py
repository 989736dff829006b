import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from complaints import cases
from complaints.models import Channel, Delivery, Notification
from operations import gunicorn_hooks
from tests.conftest import publish
from tests.factories import StandardPageFactory

TOKEN = "s3cr3t-scrape-token"


@task()
def tidy_up():
    """A task for the queue to hold; no worker runs it here."""


@pytest.fixture
def operations_middleware(operations_middleware, settings):
    """The site's middleware (tests/operations/conftest.py), with a scrape token."""
    settings.METRICS_TOKEN = TOKEN


def parse(text):
    """{(name, {labels}) as a sorted tuple: value} for every sample of an exposition."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(client):
    response = client.get("/metrics/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    return parse(response.content.decode())


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def a_case():
    return cases.file_case(channel=Channel.PHONE, description="Parkın aydınlatması yanmıyor.", notify=False)


@pytest.mark.django_db
def test_without_a_token_configured_there_is_nothing(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/").status_code == 404
    assert client.get("/metrics/", headers={"Authorization": "Bearer "}).status_code == 404
    del settings.METRICS_TOKEN
    assert client.get("/metrics/", headers={"Authorization": "Bearer anything"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong-token",
        f"Basic {TOKEN}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        "Bearer ş",
    ],
)
def test_a_wrong_or_missing_token_is_refused(client, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.get("/metrics/", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"portal_" not in response.content


@pytest.mark.django_db
def test_the_right_token_gets_the_metrics(client, operations_middleware):
    response = client.get("/metrics/", headers={"Authorization": f"bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    samples = parse(response.content.decode())
    assert value(samples, "portal_database_up") == 1
    assert ("portal_tasks", (("status", "ready"),)) in samples


@pytest.mark.django_db
def test_requests_are_counted_by_view_status_class_and_method(client, operations_middleware):
    before = scrape(client)
    for _ in range(3):
        client.get("/health/")
    client.generic("BREW", "/health/")
    after = scrape(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("portal_http_requests_total", method="GET", status="2xx", view="health") == 3
    assert grew("portal_http_requests_total", method="other", status="2xx", view="health") == 1
    # The first scrape counted itself once it had answered.
    assert grew("portal_http_requests_total", method="GET", status="2xx", view="metrics") == 1
    assert grew("portal_http_request_duration_seconds_count", method="GET", view="health") == 3
    assert grew("portal_http_request_duration_seconds_sum", method="GET", view="health") > 0


@pytest.mark.django_db
def test_pages_and_unknown_paths_never_become_labels(client, operations_middleware, home_page):
    publish(StandardPageFactory(parent=home_page, slug="kent-konseyi-hakkinda"))
    before = scrape(client)
    assert client.get("/kent-konseyi-hakkinda/").status_code == 200
    assert client.get("/no-such-page-7f3a/").status_code == 404
    assert client.get("/admin/login/?next=/x").status_code == 302
    after = scrape(client)
    text = repr(after)
    assert "kent-konseyi-hakkinda" not in text
    assert "7f3a" not in text
    for status, grown in (("2xx", 1), ("4xx", 1)):
        labels = {"method": "GET", "status": status, "view": "wagtail_page"}
        assert (
            value(after, "portal_http_requests_total", **labels) - value(before, "portal_http_requests_total", **labels)
            == grown
        )
    redirect = {"method": "GET", "status": "3xx", "view": "config.urls.AdminLoginRedirect"}
    assert value(after, "portal_http_requests_total", **redirect) > value(
        before, "portal_http_requests_total", **redirect
    )


@pytest.mark.django_db
def test_queue_depth_reflects_the_task_table(client, operations_middleware, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    results = [tidy_up.enqueue() for _ in range(4)]
    later = tidy_up.using(run_after=now + timedelta(hours=1)).enqueue()
    DBTaskResult.objects.filter(pk=results[0].id).update(status="FAILED")
    DBTaskResult.objects.update(enqueued_at=now - timedelta(minutes=5))
    # Enqueued long ago, but it may only run in an hour: it does not wait yet.
    DBTaskResult.objects.filter(pk=later.id).update(enqueued_at=now - timedelta(days=1))

    samples = scrape(client)
    assert value(samples, "portal_tasks", status="ready") == 4
    assert value(samples, "portal_tasks", status="failed") == 1
    assert value(samples, "portal_tasks", status="running") == 0
    assert value(samples, "portal_tasks_waiting") == 3
    assert 295 < value(samples, "portal_tasks_oldest_waiting_seconds") < 400


@pytest.mark.django_db
def test_handoffs_and_failed_notifications_are_counted_by_status_and_medium(client, operations_middleware):
    for status in [Delivery.Status.PENDING, Delivery.Status.RETRYING, Delivery.Status.RETRYING]:
        Delivery.objects.create(case=a_case(), status=status)
    Delivery.objects.create(case=a_case(), status=Delivery.Status.NEEDS_ATTENTION)
    case = a_case()
    for medium, status in [
        (Notification.Medium.SMS, Notification.Status.FAILED),
        (Notification.Medium.SMS, Notification.Status.FAILED),
        (Notification.Medium.EMAIL, Notification.Status.FAILED),
        (Notification.Medium.EMAIL, Notification.Status.RETRYING),
        (Notification.Medium.EMAIL, Notification.Status.SENT),
    ]:
        Notification.objects.create(case=case, medium=medium, recipient="x", body="y", status=status)

    samples = scrape(client)
    assert value(samples, "portal_handoff_deliveries", status="pending") == 1
    assert value(samples, "portal_handoff_deliveries", status="retrying") == 2
    assert value(samples, "portal_handoff_deliveries", status="needs_attention") == 1
    assert ("portal_handoff_deliveries", (("status", "delivered"),)) in samples
    assert value(samples, "portal_notifications_failed", medium="sms") == 2
    assert value(samples, "portal_notifications_failed", medium="email") == 1


@pytest.mark.django_db
def test_a_scrape_makes_a_bounded_number_of_queries(client, operations_middleware, settings, django_assert_num_queries):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(20):
        tidy_up.enqueue()
    for _ in range(5):
        Delivery.objects.create(case=a_case())
    with django_assert_num_queries(4):
        scrape(client)


WORKER = """
import sys

import django

django.setup()

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve
from prometheus_client import generate_latest

from operations.metrics import scrape_registry
from operations.middleware import OperationsMiddleware


def view(request):
    request.resolver_match = resolve(request.path_info)
    return HttpResponse()


middleware = OperationsMiddleware(view)
for _ in range(int(sys.argv[1])):
    middleware(RequestFactory().get("/health/"))
if "scrape" in sys.argv:
    print(generate_latest(scrape_registry(database=False)).decode())
"""


def run_worker(*args, directory):
    environment = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(directory),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    root = Path(django_settings.BASE_DIR)
    finished = subprocess.run(
        [sys.executable, "-c", WORKER, *args],
        env=environment,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished


def test_request_counts_add_up_across_gunicorn_workers(tmp_path):
    """Each worker is its own process; a scrape answered by any one of them reports all their requests."""
    directory = tmp_path / "prometheus"
    directory.mkdir()
    run_worker("2", directory=directory)
    samples = parse(run_worker("3", "scrape", directory=directory).stdout)
    assert value(samples, "portal_http_requests_total", method="GET", status="2xx", view="health") == 5
    assert value(samples, "portal_http_request_duration_seconds_count", method="GET", view="health") == 5


def test_gunicorn_hooks_tidy_the_metrics_directory(tmp_path, monkeypatch):
    directory = tmp_path / "prometheus"
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(directory))
    gunicorn_hooks.on_starting(server=None)
    assert directory.is_dir()

    (directory / "counter_111.db").write_bytes(b"")
    (directory / "gauge_livesum_111.db").write_bytes(b"")
    (directory / "gauge_livesum_222.db").write_bytes(b"")
    gunicorn_hooks.child_exit(server=None, worker=SimpleNamespace(pid=111))
    assert sorted(path.name for path in directory.iterdir()) == ["counter_111.db", "gauge_livesum_222.db"]

    gunicorn_hooks.on_starting(server=None)
    assert list(directory.iterdir()) == []


def test_gunicorn_hooks_do_nothing_without_multiprocess_metrics(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    gunicorn_hooks.on_starting(server=None)
    gunicorn_hooks.child_exit(server=None, worker=SimpleNamespace(pid=1))
