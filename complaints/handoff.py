"""Hand-off of cases to the municipality's own complaint system, exactly once.

When `COMPLAINTS_HANDOFF["connector"]` names a connector, filing a case also writes a
Delivery row in the same transaction (the outbox). The task worker claims due
deliveries (a conditional UPDATE, so two workers never send the same one; the new
cases waiting together, `deliver_new`), sends each case with its UUID as the
idempotency key and records the outcome:

- delivered: the far side's reference is stored and the citizen told;
- a timeout, a dropped connection or a 5xx: retried with exponential backoff and
  jitter; because the far side may have committed before the failure, the next
  attempt first asks it for the key and only posts again when it has nothing;
- a 4xx: the far side refused the content; a person must look (needs attention);
- too many failures: needs attention, and the call centre is told.
A worker that dies mid-delivery leaves a claim that expires, and the next worker asks
before posting, so nothing is lost and nothing is doubled.
"""

import datetime
import hashlib
import hmac
import json
import random
import urllib.error
import urllib.parse
import urllib.request
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from config.tasks import enqueue_on_commit

# How long a worker's claim on a delivery holds: far longer than one attempt takes (a look-up and a
# post, each within HANDOFF_TIMEOUT), so a claim older than this belongs to a worker that died.
CLAIM_LEASE = datetime.timedelta(minutes=2)


class Refused(Exception):
    """The far side answered and refused the case (4xx): retrying the same content cannot help."""


class Failed(Exception):
    """The attempt failed; `ambiguous` when the far side may nevertheless have stored the case."""

    def __init__(self, message, ambiguous):
        super().__init__(message)
        self.ambiguous = ambiguous


def config():
    return getattr(settings, "COMPLAINTS_HANDOFF", {}) or {}


def connector():
    """The configured connector, or None when cases stay in the portal's register."""
    name = config().get("connector")
    if not name:
        return None
    path = CONNECTORS.get(name, name)
    return import_string(path)(**{key: value for key, value in config().items() if key != "connector"})


def signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _http(request, timeout):
    """(status, body) of an HTTP exchange; Failed for what is worth another try, Refused for a 4xx."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured URL
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        body = error.read()[:2000].decode("utf-8", "replace")
        if 400 <= error.code < 500 and error.code not in (408, 409, 425, 429):
            raise Refused(f"HTTP {error.code}: {body}") from error
        raise Failed(f"HTTP {error.code}: {body[:300]}", ambiguous=True) from error
    except urllib.error.URLError as error:
        refused_before_sending = isinstance(error.reason, ConnectionRefusedError)
        raise Failed(f"{error.reason}", ambiguous=not refused_before_sending) from error
    except (TimeoutError, ConnectionError, OSError) as error:
        raise Failed(f"{type(error).__name__}: {error}", ambiguous=True) from error


class WebhookConnector:
    """A JSON POST signed with HMAC-SHA256; GET {url}/{key} tells whether a case already arrived."""

    def __init__(self, url, secret, timeout=10, **options):
        self.url = url.rstrip("/")
        self.secret = secret
        self.timeout = float(timeout)

    def payload(self, case):
        return {
            "idempotency_key": str(case.uuid),
            "tracking_number": case.tracking_number,
            "kind": case.kind,
            "channel": case.channel,
            "topic": case.topic.name if case.topic else None,
            "directorate": case.directorate.name if case.directorate else None,
            "neighbourhood": case.neighbourhood.name if case.neighbourhood else None,
            "address": case.address,
            "latitude": str(case.latitude) if case.latitude is not None else None,
            "longitude": str(case.longitude) if case.longitude is not None else None,
            "description": case.description,
            "received_at": case.received_at.isoformat(),
            "due_on": case.due_on.isoformat(),
            "citizen": None
            if case.anonymous
            else {"name": case.name, "phone": case.phone, "email": case.email, "reply_by": case.reply_by},
        }

    def _request(self, url, body=None, method="GET", key=""):
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Accept", "application/json")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        request.add_header("Idempotency-Key", key)
        request.add_header("X-Portal-Signature", signature(self.secret, body or key.encode()))
        return request

    def find(self, case):
        """The far side's reference for `case` if it already has it, else None."""
        try:
            _status, body = _http(self._request(f"{self.url}/{case.uuid}", key=str(case.uuid)), self.timeout)
        except Refused as refusal:
            if str(refusal).startswith("HTTP 404"):
                return None
            raise Failed(str(refusal), ambiguous=True) from refusal
        return str(json.loads(body or b"{}").get("id") or "") or None

    def send(self, case):
        body = json.dumps(self.payload(case), ensure_ascii=False).encode()
        _status, answer = _http(self._request(self.url, body, "POST", str(case.uuid)), self.timeout)
        try:
            reference = json.loads(answer or b"{}").get("id")
        except ValueError as error:
            raise Failed("The answer was not JSON.", ambiguous=True) from error
        if not reference:
            raise Failed("The answer carried no id.", ambiguous=True)
        return str(reference)


class Open311Connector:
    """A GeoReport v2 server: POST requests with the api_key and jurisdiction_id; answers come back by polling.

    GeoReport v2 has no look-up by the sender's key, so after a failure that may have reached the far side the
    case is not posted again blindly: it goes to a person, who checks the far system (no duplicate either way).
    """

    def __init__(self, url, api_key="", jurisdiction_id="", service_code="", timeout=10, **options):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.jurisdiction_id = jurisdiction_id
        self.service_code = service_code
        self.timeout = float(timeout)

    def find(self, case):
        raise Refused(
            "The far side may have stored this case before the connection failed, and Open311 cannot be asked by our "
            "key: check in its system, then retry only if it is not there."
        )

    def fields(self, case):
        first, _space, last = (case.name or "").partition(" ")
        fields = {
            "api_key": self.api_key,
            "jurisdiction_id": self.jurisdiction_id,
            "service_code": self.service_code or (str(case.topic_id) if case.topic_id else ""),
            "description": f"[{case.display_number}] {case.description}"[:4000],
            "attribute[portal_id]": str(case.uuid),
        }
        if case.latitude is not None:
            fields.update(lat=str(case.latitude), long=str(case.longitude))
        place = ", ".join(
            part for part in (case.address, case.neighbourhood.name if case.neighbourhood else "") if part
        )
        fields["address_string"] = f"{place}, Ümraniye" if place else "Ümraniye"
        if not case.anonymous:
            fields.update(first_name=first, last_name=last, phone=case.phone, email=case.email)
        return {key: value for key, value in fields.items() if value}

    def send(self, case):
        body = urllib.parse.urlencode(self.fields(case)).encode()
        request = urllib.request.Request(f"{self.url}/requests.json", data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        _status, answer = _http(request, self.timeout)
        try:
            item = json.loads(answer)[0]
        except (ValueError, IndexError, KeyError, TypeError) as error:
            raise Failed("The answer was not a GeoReport request list.", ambiguous=True) from error
        reference = item.get("service_request_id") or item.get("token")
        if not reference:
            raise Failed("The answer carried neither service_request_id nor token.", ambiguous=True)
        return str(reference)

    def updates(self, references):
        """[(reference, status, status_notes, updated_datetime)] of the given requests."""
        query = urllib.parse.urlencode(
            {"service_request_id": ",".join(references), "jurisdiction_id": self.jurisdiction_id}
        )
        _status, answer = _http(urllib.request.Request(f"{self.url}/requests.json?{query}"), self.timeout)
        return [
            (
                str(item.get("service_request_id")),
                item.get("status"),
                item.get("status_notes") or "",
                item.get("updated_datetime") or "",
            )
            for item in json.loads(answer)
        ]


CONNECTORS = {"webhook": "complaints.handoff.WebhookConnector", "open311": "complaints.handoff.Open311Connector"}


# The outbox


def queue(case, send=True):
    """Write the case's delivery in the current transaction (when a connector is configured) and, if `send`, queue
    its sending for after the commit (else the caller queues it)."""
    from complaints.models import Delivery

    if not config().get("connector"):
        return None
    from complaints.tasks import deliver_case

    delivery = Delivery.objects.create(case=case)
    if send:
        enqueue_on_commit(deliver_case, delivery.pk)
    return delivery


def _enqueue(pk, run_after=None):
    from complaints.tasks import deliver_case

    task = deliver_case
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None  # tasks run at once (tests): deliver_due() picks it up
        task = task.using(run_after=run_after)
    return task.enqueue(pk)


def _claim(pk, now):
    """Take the delivery for this worker, unless another has it or it is not due: True when taken.

    A claim left by a worker that died may have reached the far side before the worker
    could record it, so taking it over makes the delivery ambiguous: the far side is
    asked for the case before it is posted again.
    """
    from complaints.models import Delivery

    left = Q(status=Delivery.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    due = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING], next_attempt_at__lte=now)
    # One UPDATE for both: its conditions see the row as it was, so a claim taken over is marked ambiguous.
    taken = Delivery.objects.filter(left | due, pk=pk).update(
        status=Delivery.Status.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        ambiguous=models.Case(models.When(left, then=models.Value(True)), default=F("ambiguous")),
    )
    return bool(taken)


def _look_again_after_lease(pk):
    """Another worker holds the delivery: book a look for when its claim runs out, in case that worker died."""
    from complaints.models import Delivery

    claimed_at = (
        Delivery.objects.filter(pk=pk, status=Delivery.Status.SENDING).values_list("claimed_at", flat=True).first()
    )
    if claimed_at is not None:
        _enqueue(pk, run_after=claimed_at + CLAIM_LEASE + datetime.timedelta(seconds=1))


def backoff(attempt, rng=random):
    """Seconds before the next attempt: doubling from the base, capped, with ±50 % jitter."""
    base = float(config().get("base_delay", 30))
    cap = float(config().get("max_delay", 3600))
    return min(cap, base * 2 ** (attempt - 1)) * rng.uniform(0.5, 1.5)


def deliver(pk, now=None):
    """One attempt at one delivery; returns its status afterwards (None when someone else holds it)."""
    from complaints.models import Delivery

    now = now or timezone.now()
    if not _claim(pk, now):
        _look_again_after_lease(pk)
        return None
    delivery = Delivery.objects.select_related("case__topic", "case__directorate", "case__neighbourhood").get(pk=pk)
    target = connector()
    try:
        reference = target.find(delivery.case) if delivery.ambiguous else None
        if reference is None:
            reference = target.send(delivery.case)
    except Refused as refusal:
        return _finish(delivery, Delivery.Status.NEEDS_ATTENTION, error=str(refusal))
    except Failed as failure:
        return _failed(delivery, failure, now)
    return _finish(delivery, Delivery.Status.DELIVERED, reference=reference)


def _failed(delivery, failure, now):
    """Record a failed attempt: tried again after a back-off, or given to a person after too many."""
    from complaints.models import Delivery

    ambiguous = delivery.ambiguous or failure.ambiguous
    if delivery.attempts >= int(config().get("max_attempts", 8)):
        return _finish(delivery, Delivery.Status.NEEDS_ATTENTION, error=str(failure), ambiguous=ambiguous)
    next_at = now + datetime.timedelta(seconds=backoff(delivery.attempts))
    status = _finish(delivery, Delivery.Status.RETRYING, error=str(failure), ambiguous=ambiguous, next_at=next_at)
    _enqueue(delivery.pk, run_after=next_at)
    return status


def _finish(delivery, status, error="", ambiguous=None, next_at=None, reference=""):
    from complaints import cases, notifications
    from complaints.models import CaseEvent, Delivery

    with transaction.atomic():
        delivery.status = status
        delivery.last_error = error[:1000]
        delivery.next_attempt_at = next_at or delivery.next_attempt_at
        if ambiguous is not None:
            delivery.ambiguous = ambiguous
        if status == Delivery.Status.DELIVERED:
            delivery.remote_reference = reference
            delivery.delivered_at = timezone.now()
            delivery.ambiguous = False
            delivery.case.remote_reference = reference
            delivery.case.save(update_fields=["remote_reference"])
            cases.record(delivery.case, CaseEvent.Action.FORWARDED, changes={"remote_reference": ["", reference]})
            notifications.forwarded(delivery.case)
        # What an attempt changes (the claim wrote the status, the time and the attempt's number).
        delivery.save(
            update_fields=["status", "last_error", "next_attempt_at", "ambiguous", "remote_reference", "delivered_at"]
        )
        if status == Delivery.Status.NEEDS_ATTENTION:
            transaction.on_commit(lambda: _tell_call_centre(delivery))
    return status


def _tell_call_centre(delivery):
    from django.contrib.auth import get_user_model

    from complaints.groups import CALL_CENTRE
    from outbox.mail import send_email

    addresses = list(
        get_user_model().objects.filter(groups__name=CALL_CENTRE, is_active=True).values_list("email", flat=True)
    )
    send_email(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Aktarılamayan başvuru: {delivery.case.display_number}",
        body=(
            f"{delivery.case.display_number} numaralı başvuru belediyenin başvuru sistemine aktarılamadı "
            f"({delivery.attempts} deneme).\n\nSon hata: {delivery.last_error}\n\n"
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/cases/inspect/{delivery.case_id}/"
        ),
        to=addresses,
        language="tr",
    )


def deliver_new(case_ids, now=None):
    """The first attempt at the hand-off of new cases, together: one claim for all, then each sent in turn.

    Returns the deliveries the far side took, with their references, for `record_delivered()` (which the
    caller runs in its own transaction, with the cases' notices). A refusal or a failure is recorded at
    once, as `deliver()` does; after a failure the cases not tried yet are put back, due when the failed one
    is tried again, rather than each waiting out the same time-out. A delivery another worker holds gets a
    look booked for when that claim runs out, in case that worker died.
    """
    from complaints.models import Delivery

    now = now or timezone.now()
    left = Q(status=Delivery.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    due = Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING], next_attempt_at__lte=now)
    with transaction.atomic():
        claimed = list(
            Delivery.objects.filter(left | due, case_id__in=case_ids)
            .select_related("case__topic", "case__directorate", "case__neighbourhood")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")
        )
        if claimed:
            # One UPDATE for all, as `_claim()` does for one: a claim taken over makes the delivery ambiguous.
            Delivery.objects.filter(pk__in=[delivery.pk for delivery in claimed]).update(
                status=Delivery.Status.SENDING,
                claimed_at=now,
                attempts=F("attempts") + 1,
                ambiguous=models.Case(models.When(left, then=models.Value(True)), default=F("ambiguous")),
            )
    for delivery in claimed:
        delivery.ambiguous = delivery.ambiguous or delivery.status == Delivery.Status.SENDING
        delivery.status, delivery.claimed_at, delivery.attempts = Delivery.Status.SENDING, now, delivery.attempts + 1
    if len(claimed) < len(case_ids):
        taken = [delivery.pk for delivery in claimed]
        held = Delivery.objects.filter(case_id__in=case_ids, status=Delivery.Status.SENDING).exclude(pk__in=taken)
        for pk in held.values_list("pk", flat=True):
            _look_again_after_lease(pk)
    target = connector()
    sent = []
    for index, delivery in enumerate(claimed):
        try:
            reference = target.find(delivery.case) if delivery.ambiguous else None
            if reference is None:
                reference = target.send(delivery.case)
        except Refused as refusal:
            _finish(delivery, Delivery.Status.NEEDS_ATTENTION, error=str(refusal))
            continue
        except Failed as failure:
            _failed(delivery, failure, now)
            _put_back(claimed[index + 1 :], delivery.next_attempt_at)
            break
        sent.append((delivery, reference))
    return sent


def _put_back(deliveries, next_at):
    """Claimed deliveries left untried: due again at `next_at`, their attempt not counted."""
    from complaints.models import Delivery

    if not deliveries:
        return
    Delivery.objects.filter(pk__in=[delivery.pk for delivery in deliveries]).update(
        status=models.Case(
            models.When(attempts=1, then=models.Value(Delivery.Status.PENDING)),
            default=models.Value(Delivery.Status.RETRYING),
        ),
        attempts=F("attempts") - 1,
        next_attempt_at=next_at,
    )
    for delivery in deliveries:
        _enqueue(delivery.pk, run_after=next_at)


def record_delivered(sent):
    """What `deliver_new()` handed off: each delivery and case with the far side's reference, and a history
    entry each; four statements, however many. Returns the cases, for their "forwarded" notices."""
    from complaints import cases
    from complaints.models import Case, CaseEvent, Delivery

    if not sent:
        return []
    now = timezone.now()
    for delivery, reference in sent:
        delivery.status, delivery.remote_reference, delivery.delivered_at = Delivery.Status.DELIVERED, reference, now
        delivery.ambiguous, delivery.last_error = False, ""
        delivery.case.remote_reference = reference
    deliveries = [delivery for delivery, _reference in sent]
    # What every one of them gets alike in a plain UPDATE; only the reference differs (a CASE per row and field
    # was most of the worker's time here).
    Delivery.objects.filter(pk__in=[delivery.pk for delivery in deliveries]).update(
        status=Delivery.Status.DELIVERED, last_error="", ambiguous=False, delivered_at=now
    )
    Delivery.objects.bulk_update(deliveries, ["remote_reference"], batch_size=500)
    Case.objects.bulk_update([delivery.case for delivery in deliveries], ["remote_reference"], batch_size=500)
    CaseEvent.objects.bulk_create(
        cases.event(delivery.case, CaseEvent.Action.FORWARDED, changes={"remote_reference": ["", reference]})
        for delivery, reference in sent
    )
    return [delivery.case for delivery in deliveries]


def deliver_due(now=None, limit=100):
    """Every due delivery, and every claim left by a worker that died; returns how many were tried."""
    from complaints.models import Delivery

    now = now or timezone.now()
    due = Delivery.objects.filter(
        Q(status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING], next_attempt_at__lte=now)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    ).order_by("next_attempt_at")
    tried = 0
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        if deliver(pk, now=now) is not None:
            tried += 1
    return tried


# Coming back: answers and status changes from the far side


class UpdateRefused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def apply_update(payload):
    """Apply one update from the far side (once per `update_id`); returns whether it changed anything."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    from complaints import cases
    from complaints.models import Case, RemoteUpdate

    update_id = str(payload.get("update_id") or "").strip()
    if not update_id:
        raise UpdateRefused(400, "update_id is required.")
    key, number = str(payload.get("idempotency_key") or ""), str(payload.get("tracking_number") or "")
    case = None
    if key:
        case = Case.objects.filter(uuid=key).first() if is_uuid(key) else None
    elif number:
        case = Case.objects.filter(tracking_number=number).first()
    if case is None:
        raise UpdateRefused(404, "No such case.")
    try:
        with transaction.atomic():
            RemoteUpdate.objects.create(update_id=update_id, case=case, payload=payload)
            case = Case.objects.select_for_update().get(pk=case.pk)
            reference = str(payload.get("reference") or "")
            if reference and not case.remote_reference:
                case.remote_reference = reference
                case.save(update_fields=["remote_reference"])
            status, answer = payload.get("status"), str(payload.get("answer") or "").strip()
            if answer:
                cases.answer(case, answer)
            if status in (Case.Status.IN_PROGRESS, Case.Status.CLOSED, Case.Status.REJECTED) and status != case.status:
                cases.set_status(case, status, message=str(payload.get("note") or ""))
    except IntegrityError:
        return False  # applied before: the far side sent it again
    except ValidationError as error:
        raise UpdateRefused(409, " ".join(error.messages)) from error
    return True


def is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def poll(batch=50):
    """Ask a connector that can be polled (Open311) for the answers to the open cases it holds; returns how many
    updates were applied. Each update is keyed by the far side's id and time, so polling twice changes nothing."""
    from complaints.models import Case

    target = connector()
    if target is None or not hasattr(target, "updates"):
        return 0
    waiting = dict(
        Case.objects.filter(status__in=Case.OPEN_STATUSES, delivery__status="delivered")
        .exclude(remote_reference="")
        .values_list("remote_reference", "uuid")
    )
    applied = 0
    references = list(waiting)
    for start in range(0, len(references), batch):
        for reference, status, notes, updated in target.updates(references[start : start + batch]):
            if status != "closed" or reference not in waiting:
                continue
            update = {
                "update_id": f"open311:{reference}:{updated}",
                "idempotency_key": str(waiting[reference]),
                "answer": notes,
            }
            try:
                applied += apply_update(update)
            except UpdateRefused:
                continue
    return applied


ROUND_EVERY = datetime.timedelta(minutes=5)


def schedule_round(now=None):
    """Book the next hand-off round in the task queue, unless no connector is set or one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    from complaints.tasks import handoff_round

    if not config().get("connector") or not handoff_round.get_backend().supports_defer:
        return None
    if DBTaskResult.objects.filter(task_path=handoff_round.module_path, status="READY").exists():
        return None
    return handoff_round.using(run_after=(now or timezone.now()) + ROUND_EVERY).enqueue()
