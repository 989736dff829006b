"""Log records that name the request they belong to, written as one JSON object per line when asked.

`logging_config()` builds the LOGGING setting; `RequestIdFilter` sits on the console handler so
every record, whichever logger it came from, carries the id that `operations.middleware` set.
"""

import contextvars
import logging
from datetime import UTC, datetime

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

OUTSIDE_REQUEST = "-"

# Set by the middleware for the request being answered; each thread (and each asyncio task) has its own.
request_id_var = contextvars.ContextVar("request_id", default=OUTSIDE_REQUEST)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: the id of the request being answered, or "-" outside one."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, request_id and the record's extras.

    Django attaches the HttpRequest itself to its request logs; its text would carry the query
    string (which may hold personal data), so only the method and the path are kept from it.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger", "status_code": "status"})
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(["levelname", "name", "message", "request_id"], **kwargs)

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds")
        super().add_fields(log_data, record, message_dict)
        if log_data.get("request_id") is None:  # a handler without RequestIdFilter
            log_data["request_id"] = request_id_var.get()
        request = getattr(record, "request", None)
        if isinstance(getattr(request, "method", None), str) and isinstance(getattr(request, "path", None), str):
            log_data.setdefault("method", request.method)
            log_data.setdefault("path", request.path)


def logging_config(level="INFO", json_format=False):
    """The LOGGING setting: everything to the console, with the request id, as JSON lines when `json_format`."""
    if json_format:
        formatter = {"()": "operations.logging.JsonFormatter"}
    else:
        formatter = {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "operations.logging.RequestIdFilter"}},
        "formatters": {"portal": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "portal"},
        },
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint narrates every PDF step by step and fontTools every font subset at INFO.
        "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    }
