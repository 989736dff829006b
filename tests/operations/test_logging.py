import contextvars
import io
import json
import logging
import logging.config
from datetime import datetime

import pytest
from django.http import HttpResponse, StreamingHttpResponse

from operations.logging import JsonFormatter, RequestIdFilter, logging_config, request_id_var
from operations.middleware import OperationsMiddleware


@pytest.fixture
def json_lines():
    """Records of the given loggers, formatted as production formats them, read back as parsed JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    attached = []

    def capture(*names):
        for name in names:
            logger = logging.getLogger(name)
            attached.append((logger, logger.level))
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        return lambda: [json.loads(line) for line in stream.getvalue().splitlines()]

    yield capture
    for logger, level in attached:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_a_sane_request_id_from_the_proxy_is_kept(client, operations_middleware):
    response = client.get("/health/", headers={"X-Request-ID": "nginx-5f2c.9a_01"})
    assert response["X-Request-ID"] == "nginx-5f2c.9a_01"
    assert response.wsgi_request.request_id == "nginx-5f2c.9a_01"


@pytest.mark.django_db
def test_a_request_without_an_id_gets_a_new_one(client, operations_middleware):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]
    assert len(first) == 32
    int(first, 16)
    assert first != second


@pytest.mark.django_db
@pytest.mark.parametrize(
    "offered",
    [
        "abc\r\nX-Injected: 1",
        "<script>alert(1)</script>",
        "short",
        "a" * 129,
        "id with spaces in it",
        "../../etc/passwd",
        "ümraniye-12345",
    ],
)
def test_a_malicious_or_odd_request_id_is_replaced(client, operations_middleware, offered):
    response = client.get("/health/", headers={"X-Request-ID": offered})
    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32
    assert "X-Injected" not in response


@pytest.mark.django_db
def test_one_json_access_line_per_request_without_the_query_string(client, operations_middleware, json_lines):
    lines = json_lines("operations.access")
    response = client.get("/health/", {"email": "ayse@example.org", "phone": "05321234567"})
    [line] = lines()
    assert line["logger"] == "operations.access"
    assert line["level"] == "INFO"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["method"] == "GET"
    assert line["path"] == "/health/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["message"].startswith("GET /health/ 200 ")
    assert datetime.fromisoformat(line["time"]).utcoffset().total_seconds() == 0
    raw = json.dumps(line)
    assert "ayse" not in raw
    assert "0532" not in raw


@pytest.mark.django_db
def test_djangos_own_request_logs_carry_the_id_and_no_query_string(client, operations_middleware, json_lines):
    """Django logs a 404 after the middleware has answered; the id must still be on it."""
    lines = json_lines("django.request")
    response = client.get(
        "/yok-boyle-bir-sayfa/", {"token": "secret-token-value"}, headers={"X-Request-ID": "req-0001"}
    )
    assert response.status_code == 404
    [line] = lines()
    assert line["message"] == "Not Found: /yok-boyle-bir-sayfa/"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "req-0001"
    assert line["status"] == 404
    assert line["method"] == "GET"
    assert line["path"] == "/yok-boyle-bir-sayfa/"
    assert "secret-token-value" not in json.dumps(line)


@pytest.mark.django_db
def test_outside_a_request_the_id_is_a_dash(client, operations_middleware, json_lines):
    lines = json_lines("portal.test")
    logging.getLogger("portal.test").warning("before")
    client.get("/health/", headers={"X-Request-ID": "req-0002-abc"})
    logging.getLogger("portal.test").warning("after")
    assert [(line["message"], line["request_id"]) for line in lines()] == [("before", "-"), ("after", "-")]


def test_a_path_with_a_line_break_cannot_forge_a_text_log_line(rf, caplog):
    caplog.set_level(logging.INFO, logger="operations.access")
    middleware = OperationsMiddleware(lambda request: HttpResponse())
    # A context of its own, as each server thread has: the id set here stays here.
    contextvars.copy_context().run(middleware, rf.get("/a%0AERROR%20forged"))
    [record] = [record for record in caplog.records if record.name == "operations.access"]
    assert "\n" not in record.getMessage()
    assert record.path == "/a\nERROR forged"
    assert request_id_var.get() == "-"


def test_a_streamed_answer_left_unread_leaves_no_id_behind(rf, json_lines):
    """A download whose stream is never read (a client gone, a test that checks only the status) sends no
    request_finished; the id must not stick to what this thread logs next. While the stream is read, it is set."""
    lines = json_lines("portal.test")

    def chunks():
        logging.getLogger("portal.test").warning("streaming")
        yield b"a;b\r\n"

    middleware = OperationsMiddleware(lambda request: StreamingHttpResponse(chunks()))
    try:
        unread = middleware(rf.get("/indir/", headers={"X-Request-ID": "req-stream-0001"}))
        assert request_id_var.get() == "-"
        logging.getLogger("portal.test").warning("between")
        assert b"".join(unread.streaming_content) == b"a;b\r\n"
        logging.getLogger("portal.test").warning("after")
    finally:
        request_id_var.set("-")
    assert [(line["message"], line["request_id"]) for line in lines()] == [
        ("between", "-"),
        ("streaming", "req-stream-0001"),
        ("after", "-"),
    ]


def test_logging_config_keeps_the_console_level_and_quiet_pdf_libraries():
    config = logging_config("DEBUG", json_format=False)
    assert config["root"] == {"handlers": ["console"], "level": "DEBUG"}
    assert config["loggers"]["weasyprint"] == {"level": "WARNING"}
    assert config["loggers"]["fontTools"] == {"level": "WARNING"}
    assert config["handlers"]["console"]["filters"] == ["request_id"]


def test_logging_config_in_json_writes_one_object_a_line(capsys):
    previous = logging.getLogger().handlers[:], logging.getLogger().level
    try:
        logging.config.dictConfig(logging_config("INFO", json_format=True))
        logging.getLogger("portal.test").info("Başvuru %s alındı", "K-2020-1", extra={"case": "K-2020-1"})
        logging.getLogger("weasyprint").info("a step of a PDF")
        err = capsys.readouterr().err.splitlines()
    finally:
        root = logging.getLogger()
        root.handlers[:], level = previous
        root.setLevel(level)
        logging.getLogger("weasyprint").setLevel(logging.NOTSET)
        logging.getLogger("fontTools").setLevel(logging.NOTSET)
    [line] = err
    record = json.loads(line)
    assert record["message"] == "Başvuru K-2020-1 alındı"
    assert record["logger"] == "portal.test"
    assert record["level"] == "INFO"
    assert record["request_id"] == "-"
    assert record["case"] == "K-2020-1"
    assert list(record)[0] == "time"


def test_the_json_formatter_finds_the_id_even_without_the_filter():
    record = logging.LogRecord("portal.test", logging.ERROR, __file__, 1, "Boom", None, None)

    def format_inside_a_request():
        request_id_var.set("req-0003-xyz")
        return json.loads(JsonFormatter().format(record))

    assert contextvars.copy_context().run(format_inside_a_request)["request_id"] == "req-0003-xyz"
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"
