import base64
import io
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from complaints import sms

TEXT = "Başvurunuz alındı; takip numaranız 482 193 657"


@pytest.fixture(autouse=True)
def clean_locmem():
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0
    yield
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0


# Console and local-memory backends


def test_console_backend_writes_the_message():
    stream = io.StringIO()

    message_id = sms.ConsoleBackend(stream=stream).send("+905321234567", TEXT)

    assert stream.getvalue() == f"SMS to +905321234567: {TEXT}\n"
    assert message_id


def test_console_backend_writes_to_standard_output_by_default(capsys):
    sms.ConsoleBackend().send("+905321234567", "Merhaba")

    assert capsys.readouterr().out == "SMS to +905321234567: Merhaba\n"


def test_locmem_backend_collects_messages_in_the_outbox():
    backend = sms.LocmemBackend()

    first = backend.send("+905321234567", TEXT)
    second = backend.send("+905051234567", "İkinci")

    assert sms.outbox == [
        sms.SentSms("+905321234567", TEXT, first),
        sms.SentSms("+905051234567", "İkinci", second),
    ]
    assert first != second


def test_locmem_backend_fails_as_often_as_told_then_sends():
    sms.LocmemBackend.failures_left = 2
    backend = sms.LocmemBackend()

    for _ in range(2):
        with pytest.raises(sms.SmsError):
            backend.send("+905321234567", TEXT)
    message_id = backend.send("+905321234567", TEXT)

    assert sms.outbox == [sms.SentSms("+905321234567", TEXT, message_id)]
    assert sms.LocmemBackend.failures_left == 0


def test_locmem_backend_with_fail_option_always_fails():
    backend = sms.LocmemBackend(fail=True)

    for _ in range(3):
        with pytest.raises(sms.SmsError):
            backend.send("+905321234567", TEXT)
    assert sms.outbox == []


def test_base_backend_leaves_sending_to_subclasses():
    with pytest.raises(NotImplementedError):
        sms.BaseSmsBackend().send("+905321234567", TEXT)


# Choosing the backend from settings


@override_settings(SMS_BACKEND="complaints.sms.LocmemBackend", SMS_OPTIONS={"fail": True})
def test_get_backend_honours_the_settings():
    backend = sms.get_backend()

    assert isinstance(backend, sms.LocmemBackend)
    assert backend.fail is True


@override_settings(SMS_BACKEND="complaints.sms.LocmemBackend", SMS_OPTIONS={"fail": True})
def test_get_backend_overrides_win_over_the_settings():
    assert sms.get_backend(fail=False).fail is False


@override_settings(SMS_BACKEND="complaints.sms.NetgsmBackend", SMS_OPTIONS={"username": "8501234567"})
def test_get_backend_reports_missing_provider_options():
    with pytest.raises(ImproperlyConfigured):
        sms.get_backend()


@override_settings()
def test_get_backend_defaults_to_the_console_without_settings():
    del settings.SMS_BACKEND
    del settings.SMS_OPTIONS

    assert isinstance(sms.get_backend(), sms.ConsoleBackend)


@override_settings(
    SMS_BACKEND="complaints.sms.LocmemBackend",
    # Options for another backend, as a shared SMS_OPTIONS holds them, are ignored.
    SMS_OPTIONS={"username": "8501234567", "password": "secret", "header": "UMRANIYEKK"},
)
def test_send_sms_uses_the_configured_backend():
    message_id = sms.send_sms("+905321234567", TEXT)

    assert sms.outbox == [sms.SentSms("+905321234567", TEXT, message_id)]


# Netgsm, against a local HTTP server answering as Netgsm does


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))


@dataclass
class FakeNetgsm:
    """A local stand-in for api.netgsm.com.tr: records requests, gives the answer set on it."""

    base_url: str = ""
    status: int = 200
    answer: bytes = b'{"code": "00", "jobid": "17377215342605050417149344", "description": "queued"}'
    hang: bool = False
    requests: list = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def netgsm():
    fake = FakeNetgsm()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            fake.requests.append(RecordedRequest(self.command, self.path, dict(self.headers), body))
            if fake.hang:
                fake.released.wait(5)
                return
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(fake.answer)))
            self.end_headers()
            self.wfile.write(fake.answer)

        def log_message(self, format, *args):
            pass  # keeps the test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # A short poll interval makes shutdown() quick at teardown.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_port}"
    yield fake
    fake.released.set()
    server.shutdown()
    server.server_close()
    thread.join()


def netgsm_backend(base_url, **options):
    return sms.NetgsmBackend(
        username="8501234567", password="s3cret!", header="UMRANIYEKK", base_url=base_url, **options
    )


def test_netgsm_sends_the_message_and_returns_the_job_id(netgsm):
    job_id = netgsm_backend(netgsm.base_url).send("+905321234567", TEXT)

    assert job_id == "17377215342605050417149344"
    [request] = netgsm.requests
    assert request.method == "POST"
    assert request.path == "/sms/rest/v2/send"
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"8501234567:s3cret!").decode()
    assert request.json() == {
        "msgheader": "UMRANIYEKK",
        "encoding": "TR",
        "messages": [{"msg": TEXT, "no": "5321234567"}],
    }
    assert b"s3cret" not in request.body


def test_netgsm_addresses_foreign_numbers_with_00_and_the_country_code(netgsm):
    netgsm_backend(netgsm.base_url).send("+4915123456789", "Hallo")

    assert netgsm.requests[0].json()["messages"] == [{"msg": "Hallo", "no": "004915123456789"}]


@pytest.mark.parametrize(
    ("code", "meaning"),
    [
        ("20", "message text is invalid or longer than the maximum length"),
        ("30", "invalid username or password"),
        ("40", "sender name (header) is not defined"),
        ("70", "a parameter is invalid"),
        ("85", "more than 20 messages to the same number within one minute"),
        ("999", "unknown error code"),
    ],
)
def test_netgsm_error_codes_become_clear_errors(netgsm, code, meaning):
    netgsm.status = 406
    netgsm.answer = json.dumps({"code": code, "jobid": None, "description": "error"}).encode()

    with pytest.raises(sms.SmsError) as raised:
        netgsm_backend(netgsm.base_url).send("+905321234567", TEXT)

    message = str(raised.value)
    assert f"code {code}" in message
    assert meaning in message
    assert "s3cret" not in message
    assert TEXT not in message


def test_netgsm_error_code_in_a_200_answer_is_an_error(netgsm):
    netgsm.answer = b'{"code": "40", "description": "Check the msgheader parameter"}'

    with pytest.raises(sms.SmsError, match="code 40"):
        netgsm_backend(netgsm.base_url).send("+905321234567", TEXT)


def test_netgsm_server_error_is_an_sms_error(netgsm):
    netgsm.status = 500
    netgsm.answer = b"<html>Internal Server Error</html>"

    with pytest.raises(sms.SmsError, match="HTTP 500"):
        netgsm_backend(netgsm.base_url).send("+905321234567", TEXT)


def test_netgsm_unreadable_answer_is_an_sms_error(netgsm):
    netgsm.answer = b"00 123456789"

    with pytest.raises(sms.SmsError, match="unreadable answer"):
        netgsm_backend(netgsm.base_url).send("+905321234567", TEXT)


def test_netgsm_not_answering_in_time_is_an_sms_error(netgsm):
    netgsm.hang = True

    with pytest.raises(sms.SmsError, match=r"did not answer within 0\.2 s"):
        netgsm_backend(netgsm.base_url, timeout=0.2).send("+905321234567", TEXT)
    assert len(netgsm.requests) == 1


def test_netgsm_unreachable_is_an_sms_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    with pytest.raises(sms.SmsError, match="Could not reach Netgsm"):
        netgsm_backend(f"http://127.0.0.1:{closed_port}").send("+905321234567", TEXT)


def test_netgsm_refuses_a_recipient_that_is_not_e164(netgsm):
    with pytest.raises(sms.SmsError, match="E.164"):
        netgsm_backend(netgsm.base_url).send("0532 123 45 67", TEXT)
    assert netgsm.requests == []


def test_netgsm_defaults_to_the_real_endpoint_and_a_ten_second_timeout():
    backend = sms.NetgsmBackend(username="8501234567", password="s3cret!", header="UMRANIYEKK")

    assert backend.url == "https://api.netgsm.com.tr/sms/rest/v2/send"
    assert backend.timeout == 10


def test_netgsm_needs_its_credentials():
    with pytest.raises(ImproperlyConfigured):
        sms.NetgsmBackend(username="8501234567", header="UMRANIYEKK")


@override_settings(SMS_BACKEND="complaints.sms.NetgsmBackend")
def test_send_sms_through_netgsm_with_options_from_the_settings(netgsm):
    options = {"username": "8501234567", "password": "s3cret!", "header": "UMRANIYEKK", "base_url": netgsm.base_url}
    with override_settings(SMS_OPTIONS=options):
        job_id = sms.send_sms("+905321234567", TEXT)

    assert job_id == "17377215342605050417149344"
    assert netgsm.requests[0].json()["messages"] == [{"msg": TEXT, "no": "5321234567"}]
