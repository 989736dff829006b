"""Prometheus metrics: requests counted by every gunicorn worker, and figures read from the database at scrape time.

gunicorn runs several worker processes. With PROMETHEUS_MULTIPROC_DIR set, prometheus_client
keeps each worker's counters in files there and a scrape adds them up (`gunicorn_hooks.py`
tidies up after a worker ends); without it, the process's own registry is read. The
database figures are not per-process values: they are read once per scrape by a collector.
"""

import os

from django.db import DatabaseError, models
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from complaints.models import Delivery, Notification

# Anyone can send any method; only these become label values, so the series stay few.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "portal_http_requests",
    "HTTP requests answered, by method, status class and view.",
    ["method", "status", "view"],
)
LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and view.",
    ["method", "view"],
)


def observe_request(method, view, status_code, seconds):
    """Count one answered request; `view` must be a name from a short list (never a raw path)."""
    method = method if method in KNOWN_METHODS else "other"
    REQUESTS.labels(method=method, status=f"{status_code // 100}xx", view=view).inc()
    LATENCY.labels(method=method, view=view).observe(seconds)


def waiting_tasks():
    """How many tasks could run now but wait for a worker, and since when the oldest one waits (or None).

    A task waits from when it was enqueued, or from its `run_after` time when that came later.
    """
    now = timezone.now()
    waiting_since = models.Case(
        models.When(Q(run_after__lte=now, run_after__gt=F("enqueued_at")), then=F("run_after")),
        default=F("enqueued_at"),
    )
    figures = DBTaskResult.objects.ready().aggregate(count=Count("pk"), since=Min(waiting_since))
    oldest = (now - figures["since"]).total_seconds() if figures["since"] else None
    return figures["count"], oldest


def _counts(queryset, field):
    return dict(queryset.values_list(field).annotate(count=Count("pk")).order_by())


class DatabaseCollector(Collector):
    """The task queue, the hand-off outbox and the failed notifications, read from the database at each scrape."""

    def describe(self):
        # Nothing to declare ahead: registering must not query the database.
        return []

    def collect(self):
        try:
            tasks = _counts(DBTaskResult.objects.all(), "status")
            waiting, oldest = waiting_tasks()
            deliveries = _counts(Delivery.objects.all(), "status")
            failed = _counts(Notification.objects.filter(status=Notification.Status.FAILED), "medium")
        except DatabaseError:
            yield GaugeMetricFamily("portal_database_up", "Whether the database answered this scrape.", value=0)
            return
        yield GaugeMetricFamily("portal_database_up", "Whether the database answered this scrape.", value=1)

        gauge = GaugeMetricFamily("portal_tasks", "Background tasks in the queue table, by status.", labels=["status"])
        for status in TaskResultStatus.values:
            gauge.add_metric([status.lower()], tasks.get(status, 0))
        yield gauge
        yield GaugeMetricFamily(
            "portal_tasks_waiting", "Tasks that could run now and wait for a worker.", value=waiting
        )
        yield GaugeMetricFamily(
            "portal_tasks_oldest_waiting_seconds",
            "How long the oldest task that could run has waited for a worker (0 when none waits).",
            value=oldest or 0,
        )

        gauge = GaugeMetricFamily(
            "portal_handoff_deliveries",
            "Hand-offs of cases to the municipality's complaint system, by status.",
            labels=["status"],
        )
        for status in Delivery.Status.values:
            gauge.add_metric([status], deliveries.get(status, 0))
        yield gauge

        # "medium" (e-mail, SMS), not "channel": in the register a channel is how a case came in.
        gauge = GaugeMetricFamily(
            "portal_notifications_failed",
            "Notifications to citizens that failed for good, by medium.",
            labels=["medium"],
        )
        for medium in Notification.Medium.values:
            gauge.add_metric([medium], failed.get(medium, 0))
        yield gauge


def multiprocess_directory():
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def scrape_registry(*, database=True):
    """The registry one scrape reads: the request metrics of every worker, and (if `database`) the database figures."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_directory():
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    if database:
        registry.register(DatabaseCollector())
    return registry
