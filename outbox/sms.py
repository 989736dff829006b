"""Sending SMS through a pluggable backend, the way Django sends e-mail, and the outbox of text messages.

The gateway stands below every feature that texts people (the register's notifications, the council's
invitations); `complaints.sms` re-exports it under its old name, so settings naming
`complaints.sms.NetgsmBackend` keep working.

`send_sms(to, text)` hands one message to the backend named by the dotted path in
`settings.SMS_BACKEND` (default: `ConsoleBackend`), built with the keyword options in
`settings.SMS_OPTIONS`, and returns the provider's message id::

    SMS_BACKEND = "outbox.sms.NetgsmBackend"
    SMS_OPTIONS = {"username": "8501234567", "password": "...", "header": "UMRANIYEKK"}

Backends here: `ConsoleBackend` (development: prints the message), `LocmemBackend`
(tests: collects messages in `outbox`) and `NetgsmBackend` (Netgsm's REST v2 API).

To plug another provider, subclass `BaseSmsBackend`: take its options as keyword
arguments in `__init__` (passing the rest on to `super().__init__`, which ignores them,
so one `SMS_OPTIONS` can serve several backends), and implement `send(to, text)` to
return the provider's message id and to raise `SmsError` for any failure to hand the
message over. Then name the class in `SMS_BACKEND`.
"""

import base64
import http.client
import json
import sys
import urllib.error
import urllib.request
import uuid
from typing import NamedTuple

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "outbox.sms.ConsoleBackend"
TURKEY_COUNTRY_CODE = 90


class SmsError(Exception):
    """A message could not be handed to the provider; says why, never the text or password."""


class SentSms(NamedTuple):
    """A message kept by `LocmemBackend`."""

    to: str
    text: str
    id: str


# What LocmemBackend has "sent", like django.core.mail.outbox; tests empty it.
outbox: list[SentSms] = []


class BaseSmsBackend:
    """Base for SMS backends: `send` one message, get the provider's message id."""

    def __init__(self, **options):
        # Options meant for other backends are ignored, as Django's e-mail backends do.
        pass

    def send(self, to: str, text: str) -> str:
        """Hand `text` to the provider for the E.164 number `to`; return its message id."""
        raise NotImplementedError("SMS backends must implement send().")


class ConsoleBackend(BaseSmsBackend):
    """Writes each message to a stream (standard output by default) instead of sending it."""

    def __init__(self, *, stream=None, **options):
        super().__init__(**options)
        self.stream = stream or sys.stdout

    def send(self, to, text):
        self.stream.write(f"SMS to {to}: {text}\n")
        self.stream.flush()
        return uuid.uuid4().hex


class LocmemBackend(BaseSmsBackend):
    """Appends each message to `outbox`, for tests.

    To test retries, set the class attribute `failures_left` to N: the next N sends
    raise SmsError. The option `fail=True` makes every send through it fail.
    """

    failures_left = 0

    def __init__(self, *, fail=False, **options):
        super().__init__(**options)
        self.fail = fail

    def send(self, to, text):
        if self.fail:
            raise SmsError("The test SMS backend was configured to fail.")
        if LocmemBackend.failures_left > 0:
            LocmemBackend.failures_left -= 1
            raise SmsError("The test SMS backend simulated a provider failure.")
        message = SentSms(to, text, uuid.uuid4().hex)
        outbox.append(message)
        return message.id


# Descriptions of the error codes of Netgsm's /sms/rest/v2/send.
NETGSM_ERRORS = {
    "20": "the message text is invalid or longer than the maximum length",
    "30": "invalid username or password, no API access for this user, or this server's IP address is not allowed",
    "40": "the sender name (header) is not defined for this account",
    "50": "this account cannot send IYS-checked (commercial) messages",
    "51": "no IYS brand is registered for this account",
    "70": "a parameter is invalid or a required one is missing",
    "80": "the sending rate limit was exceeded",
    "85": "more than 20 messages to the same number within one minute",
    "100": "system error at Netgsm",
    "101": "system error at Netgsm",
}


class NetgsmBackend(BaseSmsBackend):
    """Sends through Netgsm's REST v2 API (POST /sms/rest/v2/send).

    Options: `username` (the Netgsm user code or API sub-user), `password`, `header`
    (the approved sender name), `base_url` (the API root, changed only for tests or a
    proxy) and `timeout` in seconds.
    """

    BASE_URL = "https://api.netgsm.com.tr"
    SEND_PATH = "/sms/rest/v2/send"

    def __init__(self, *, username=None, password=None, header=None, base_url=BASE_URL, timeout=10, **options):
        super().__init__(**options)
        if not (username and password and header):
            raise ImproperlyConfigured("NetgsmBackend needs the username, password and header options in SMS_OPTIONS.")
        self.url = base_url.rstrip("/") + self.SEND_PATH
        self.header = header
        self.timeout = float(timeout)
        # Basic authentication keeps the password out of the URL, where the legacy GET
        # API puts it and where proxies and error messages would show it.
        credentials = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self._authorization = f"Basic {credentials}"

    def send(self, to, text):
        payload = {
            "msgheader": self.header,
            # Without "TR" Netgsm does not keep Turkish letters (ş, ı, ğ); with it, billing counts characters differently.
            "encoding": "TR",
            "messages": [{"msg": text, "no": self._recipient(to)}],
        }
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8", "Authorization": self._authorization},
            method="POST",
        )
        try:
            status, body = self._post(request)
        except (OSError, http.client.HTTPException) as error:
            raise SmsError(self._unreachable(error)) from error
        return self._job_id(status, body)

    def _post(self, request):
        """The HTTP status and body of Netgsm's answer, whatever the status."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            # Netgsm refuses a message with HTTP 406 and the error code in a JSON body.
            with error:
                return error.code, error.read()

    @staticmethod
    def _recipient(to):
        """The number as Netgsm takes it: 5XXXXXXXXX in Turkey, 00 and the country code abroad."""
        try:
            number = phonenumbers.parse(to)
        except phonenumbers.NumberParseException as error:
            raise SmsError("The recipient is not a phone number in E.164 form.") from error
        digits = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164).removeprefix("+")
        if number.country_code == TURKEY_COUNTRY_CODE:
            return digits.removeprefix(str(TURKEY_COUNTRY_CODE))
        return "00" + digits

    def _unreachable(self, error):
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, TimeoutError):
            return f"Netgsm did not answer within {self.timeout:g} s."
        return f"Could not reach Netgsm: {reason}."

    @staticmethod
    def _job_id(status, body):
        """The job id from Netgsm's answer, or SmsError saying what went wrong."""
        try:
            answer = json.loads(body)
            code = str(answer["code"])
        except (ValueError, TypeError, KeyError):
            if status >= 400:
                raise SmsError(f"Netgsm answered HTTP {status}.") from None
            raise SmsError(f"Netgsm gave an unreadable answer (HTTP {status}).") from None
        if code == "00":
            if not answer.get("jobid"):
                raise SmsError("Netgsm accepted the message but gave no job id.")
            return str(answer["jobid"])
        description = NETGSM_ERRORS.get(code, "unknown error code")
        raise SmsError(f"Netgsm refused the message (code {code}): {description}.")


def get_backend(**overrides):
    """The backend named by `settings.SMS_BACKEND`, built with `SMS_OPTIONS` updated by `overrides`."""
    backend_class = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))
    options = {**getattr(settings, "SMS_OPTIONS", {}), **overrides}
    return backend_class(**options)


def send_sms(to, text):
    """Send `text` to the E.164 number `to` with the configured backend; return the message id."""
    return get_backend().send(to, text)


def queue_sms(to, text, after_commit=True):
    """Keep one text message per number in `to` and queue its sending by the task worker; a failed send is
    retried on OUTBOX_RETRIES like an e-mail (outbox/delivery.py). Returns the messages."""
    from config.tasks import enqueue_on_commit
    from outbox.models import TextMessage
    from outbox.tasks import deliver_text

    numbers = [to] if isinstance(to, str) else [number for number in to if number]
    messages = TextMessage.objects.bulk_create(TextMessage(recipient=number, text=text) for number in numbers)
    for message in messages:
        if after_commit:
            enqueue_on_commit(deliver_text, message.pk)
        else:
            deliver_text.enqueue(message.pk)
    return messages


def deliver(pk, now=None, force=False):
    """Try to send one text message; a failure is kept with its error and retried. Returns its status."""
    from outbox import delivery
    from outbox.models import TextMessage
    from outbox.tasks import deliver_text

    return delivery.attempt(
        TextMessage.objects,
        pk,
        lambda message: send_sms(message.recipient, message.text),
        lambda pk, run_after: delivery.book(deliver_text, pk, run_after),
        now=now,
        force=force,
    )


def retry_due(now=None):
    """Send every text message whose next attempt is due, and any left waiting. Returns how many were tried."""
    from outbox import delivery
    from outbox.models import TextMessage

    return delivery.retry_due(TextMessage.objects, deliver, now)
