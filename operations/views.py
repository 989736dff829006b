"""Endpoints for the load balancer and for monitoring: /health/ and /metrics/."""

import hmac
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client.exposition import choose_encoder

from operations.metrics import scrape_registry, waiting_tasks

DEFAULT_HEALTH_MAX_TASK_AGE = 300  # seconds


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure to reach the database means "unhealthy"
        # The class name only: a message may name hosts, users or paths.
        return type(error).__name__
    return "ok"


def _check_cache():
    # A key of its own for each check, so that checks from several processes cannot cross.
    key, value = f"operations:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        if cache.get(key) != value:
            return "unreadable"
    except Exception as error:
        return type(error).__name__
    return "ok"


def _check_tasks():
    limit = getattr(settings, "HEALTH_MAX_TASK_AGE", DEFAULT_HEALTH_MAX_TASK_AGE)
    try:
        waiting, oldest = waiting_tasks()
    except Exception as error:
        return {"status": type(error).__name__}
    return {
        "status": "ok" if oldest is None or oldest <= limit else "stale",
        "waiting": waiting,
        "oldest_seconds": None if oldest is None else round(oldest, 1),
        "max_seconds": limit,
    }


@never_cache
def health(request):
    """200 when the database and the cache answer and no task waits too long for a worker, else 503.

    For the load balancer and monitoring; the body says which check failed, never why in detail.
    """
    database = _check_database()
    report = {
        "database": database,
        "cache": _check_cache(),
        # Without the database the queue cannot be read: no second wait for the same failure.
        "tasks": _check_tasks() if database == "ok" else {"status": "skipped"},
    }
    healthy = report["database"] == "ok" and report["cache"] == "ok" and report["tasks"]["status"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "error", **report}, status=200 if healthy else 503)


def _bearer_token(request):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@never_cache
def metrics(request):
    """Prometheus metrics, for a scraper holding METRICS_TOKEN; without a token configured there is nothing here."""
    expected = getattr(settings, "METRICS_TOKEN", "")
    if not expected:
        return HttpResponseNotFound()
    if not hmac.compare_digest(_bearer_token(request).encode(), expected.encode()):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    return HttpResponse(encoder(scrape_registry()), content_type=content_type)
