"""One middleware for running the portal: the request id, the access log and the request metrics.

It sits right after SecurityMiddleware, so its timing covers every later middleware and the view.
"""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished

from operations import metrics
from operations.logging import OUTSIDE_REQUEST, request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
# nginx sets the header; anything else a client sends must not reach the logs as it is.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

access_log = logging.getLogger("operations.access")


def request_id_for(request):
    """The proxy's id for this request when it is a sane token, else a new one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def view_label(request):
    """A name for the view that answered, from a short list: never the raw path, which anyone can vary."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Answered before URL resolution: WhiteNoise's static files, or no URL matched.
        static_url = settings.STATIC_URL or ""
        if static_url.startswith("/") and request.path.startswith(static_url):
            return "static"
        return "unresolved"
    if match.url_name == "wagtail_serve":
        return "wagtail_page"
    return match.view_name


def _escaped(text):
    return text.encode("unicode_escape").decode("ascii")


def _forget_request_id(**kwargs):
    request_id_var.set(OUTSIDE_REQUEST)


# Django logs 4xx and 5xx answers ("Not Found: …") after the middleware has returned, so the
# id stays set until the response is finished, rather than being reset on the way out.
request_finished.connect(_forget_request_id, dispatch_uid="operations.forget_request_id")


def _streamed_with_id(content, request_id):
    """A streamed body that names its request while each piece is made, and forgets it between pieces and at
    the end: nothing guarantees it is read to the end, or closed, in the thread that answered the request."""
    pieces = iter(content)
    try:
        while True:
            request_id_var.set(request_id)
            try:
                piece = next(pieces)
            except StopIteration:
                return
            finally:
                request_id_var.set(OUTSIDE_REQUEST)
            yield piece
    finally:
        request_id_var.set(OUTSIDE_REQUEST)


class OperationsMiddleware:
    """Gives each request an id (in logs and in the X-Request-ID answer header), logs it once, and counts it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        request_id_var.set(request.request_id)
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response[REQUEST_ID_HEADER] = request.request_id
        metrics.observe_request(request.method, view_label(request), response.status_code, seconds)
        duration_ms = round(seconds * 1000, 1)
        # The path without its query string, which may hold personal data; escaped in the
        # message as Django escapes its own, so no line break in a path can forge a log line.
        access_log.info(
            "%s %s %s %sms",
            _escaped(request.method),
            _escaped(request.path),
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        if response.streaming and not response.is_async and response.status_code < 400:
            # The body is made later, when (and if) the server reads it; request_finished comes only once it is
            # closed, so the id is forgotten now and set again while each piece is made. (Django logs answers of
            # 400 and above after this returns: those keep the id until request_finished.)
            response.streaming_content = _streamed_with_id(response.streaming_content, request.request_id)
            request_id_var.set(OUTSIDE_REQUEST)
        return response
