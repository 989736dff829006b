"""Retention of personal data (KVKK, Law 6698 art. 7): what has served its purpose is anonymised.

Two kinds of record outlive their need for the person behind them:

- a finished case (closed, rejected or a duplicate) once `RETENTION_CLOSED_CASE_DAYS` have passed
  since it was last handled: the citizen's name, contact details, address, location, own words,
  photos, the staff's internal notes and the contact data of the messages sent are removed. What the
  statistics and the annual report's tables count stays: kind, channel, social-media account, topic,
  directorate, mahalle, status, dates and times to answer, and the answer, with the citizen's
  details and any e-mail address or phone number struck out of it;
- a survey answer once `RETENTION_SURVEY_TOKEN_DAYS` have passed since the survey closed: the
  respondent code (an HMAC that the site's secret key can tie back to the account or browser) is
  replaced by a random one, and the account and the exact times are dropped, so the answers remain
  only as the survey's figures.

Each kind is worked through in batches of `RETENTION_BATCH_SIZE`, each batch in its own transaction
with its rows locked (rows another worker holds are skipped and taken next time), so memory stays
bounded on any number of cases and a second run finds nothing left to do.
"""

import datetime
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import PageLogEntry

from complaints.models import Attachment, Case, CaseEvent, CaseNote, Delivery, Notification, RemoteUpdate
from surveys.models import Response, SurveyPage

DEFAULT_CLOSED_CASE_DAYS = 730
DEFAULT_SURVEY_TOKEN_DAYS = 180
DEFAULT_BATCH_SIZE = 500
# At night, away from the call centre's working hours.
RUN_AT = datetime.time(3, 0)

# Case fields that name or locate the citizen, as written to the history by staff edits (complaints/cases.py).
PERSONAL_CASE_FIELDS = ("name", "phone", "email", "address", "description")
# What the report counts, in the order it lists them.
KINDS = [
    "cases",
    "attachments",
    "notes",
    "notifications",
    "handoff_updates",
    "surveys",
    "survey_responses",
    "survey_user_links",
]
# What is kept of an update from the municipality's system: enough to see it was applied, nothing said in it.
KEPT_UPDATE_KEYS = ("update_id", "idempotency_key", "tracking_number", "status", "reference")

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Ten digits or more, however grouped: a phone number. Tracking numbers have nine, the call centre's seven.
_PHONE = re.compile(r"\+?\d(?:[\s().-]{0,3}\d){9,}")


def closed_case_days():
    return int(getattr(settings, "RETENTION_CLOSED_CASE_DAYS", DEFAULT_CLOSED_CASE_DAYS))


def survey_token_days():
    return int(getattr(settings, "RETENTION_SURVEY_TOKEN_DAYS", DEFAULT_SURVEY_TOKEN_DAYS))


def batch_size():
    return max(1, int(getattr(settings, "RETENTION_BATCH_SIZE", DEFAULT_BATCH_SIZE)))


@dataclass
class Report:
    """What a retention run anonymised (or, in a dry run, would anonymise)."""

    dry_run: bool
    case_cutoff: datetime.datetime
    survey_cutoff: datetime.datetime
    counts: dict = field(default_factory=dict)  # kind -> number of records
    oldest: dict = field(default_factory=dict)  # "cases" / "surveys" -> the earliest end of use among them

    def as_dict(self):
        """JSON-ready, for the task's result."""
        return {
            "dry_run": self.dry_run,
            "case_cutoff": self.case_cutoff.isoformat(),
            "survey_cutoff": self.survey_cutoff.isoformat(),
            "counts": dict(self.counts),
            "oldest": {kind: value.isoformat() if value else None for kind, value in self.oldest.items()},
        }

    @property
    def total(self):
        return self.counts.get("cases", 0) + self.counts.get("survey_responses", 0)


def _texts():
    """The words written in place of what was removed, in the site's language (records are not per reader)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "removed": gettext("Removed when the retention period for personal data ended."),
            "struck": gettext("[removed]"),
            "history": gettext("Personal data removed: the retention period ended (KVKK)."),
        }


# Cases


def _handled_at():
    """When a case was last handled: its last history entry, else its answer, else its filing."""
    last = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    return Coalesce(Subquery(last), "answered_at", "received_at")


def due_cases(cutoff):
    return Case.objects.retention_due(cutoff)


def _case_counts(cutoff):
    due = due_cases(cutoff).values("pk")
    return {
        "cases": due_cases(cutoff).count(),
        "attachments": Attachment.objects.filter(case__in=due).count(),
        "notes": CaseNote.objects.filter(case__in=due).count(),
        "notifications": Notification.objects.filter(case__in=due).count(),
        "handoff_updates": RemoteUpdate.objects.filter(case__in=due).count(),
    }


def _oldest_case(cutoff):
    return due_cases(cutoff).order_by().annotate(handled=_handled_at()).aggregate(oldest=Min("handled"))["oldest"]


def redact(text, case, marker):
    """`text` with the case's citizen (name and each part of it, phone, e-mail, address) and any e-mail address
    or phone number struck out."""
    if not text:
        return text
    known = {case.name, case.phone, case.email, case.address}
    known.update(part for part in case.name.split() if len(part) >= 3)
    for value in sorted(filter(None, (value.strip() for value in known)), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", marker, text, flags=re.IGNORECASE)
    return _PHONE.sub(marker, _EMAIL.sub(marker, text))


def _scrub_event(event, case, texts):
    """Strike the citizen out of one history entry; True when something changed."""
    message = redact(event.message, case, texts["struck"])
    changes = dict(event.changes or {})
    for name in PERSONAL_CASE_FIELDS:
        if name in changes:
            changes[name] = [texts["struck"] if value else "" for value in changes[name]]
    if message == event.message and changes == event.changes:
        return False
    event.message, event.changes = message, changes
    return True


def _anonymise_cases(batch, now, texts):
    """Anonymise the locked `batch` of cases; returns the counts of what was touched."""
    ids = [case.pk for case in batch]
    by_pk = {case.pk: case for case in batch}

    attachments = list(Attachment.objects.filter(case_id__in=ids).values_list("file", flat=True))
    Attachment.objects.filter(case_id__in=ids).delete()
    notes, _ = CaseNote.objects.filter(case_id__in=ids).delete()
    # The tracking number in the subject says nothing about the person; address and text go.
    notifications = Notification.objects.filter(case_id__in=ids).update(
        recipient="", body=texts["removed"], last_error=""
    )
    # A failed hand-off's error may quote what the far side echoed back.
    Delivery.objects.filter(case_id__in=ids).update(last_error="")

    updates = list(RemoteUpdate.objects.filter(case_id__in=ids).only("pk", "payload"))
    for update in updates:
        payload = update.payload if isinstance(update.payload, dict) else {}
        update.payload = {key: payload[key] for key in KEPT_UPDATE_KEYS if key in payload}
    RemoteUpdate.objects.bulk_update(updates, ["payload"])

    events = CaseEvent.objects.filter(case_id__in=ids).only("pk", "case_id", "message", "changes")
    changed = [event for event in events if _scrub_event(event, by_pk[event.case_id], texts)]
    CaseEvent.objects.bulk_update(changed, ["message", "changes"])

    answered = []
    for case in batch:
        answer = redact(case.public_answer, case, texts["struck"])
        if answer != case.public_answer:
            case.public_answer = answer
            answered.append(case)
    Case.objects.bulk_update(answered, ["public_answer"])
    Case.objects.filter(pk__in=ids).update(
        name="",
        phone="",
        email="",
        address="",
        latitude=None,
        longitude=None,
        description=texts["removed"],
        user=None,
        anonymised_at=now,
    )
    CaseEvent.objects.bulk_create(
        CaseEvent(case_id=pk, at=now, action=CaseEvent.Action.CHANGED, message=texts["history"]) for pk in ids
    )

    # The files go last, inside the transaction: if anything above fails, the photos are still there for the
    # next run; if the commit itself fails, the case is taken again and only its (already missing) files are
    # skipped. Deleting after the commit instead could leave photos behind with no row pointing to them.
    storage = Attachment.file.field.storage
    for name in attachments:
        if name:
            storage.delete(name)
    return {
        "cases": len(ids),
        "attachments": len(attachments),
        "notes": notes,
        "notifications": notifications,
        "handoff_updates": len(updates),
    }


def _locked_batches(queryset, fields, size):
    """`queryset` in batches of `size` rows, each locked in its own transaction while the caller works on it.

    Rows another worker holds are skipped (taken by the next run).
    """
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                queryset.filter(pk__gt=last_pk).order_by("pk").select_for_update(skip_locked=True).only(*fields)[:size]
            )
            if not batch:
                return
            last_pk = batch[-1].pk
            yield batch


def _apply_cases(cutoff, now, size, counts):
    texts = _texts()
    fields = ["pk", "name", "phone", "email", "address", "public_answer"]
    for batch in _locked_batches(due_cases(cutoff), fields, size):
        for kind, number in _anonymise_cases(batch, now, texts).items():
            counts[kind] += number


# Survey answers


def closed_surveys(cutoff):
    """Surveys closed before `cutoff`: by their closing time, or (with none set) unpublished before it."""
    unpublished = PageLogEntry.objects.filter(page=OuterRef("pk"), action__startswith="wagtail.unpublish")
    return SurveyPage.objects.filter(
        Q(closes_at__lt=cutoff)
        | (
            Q(closes_at__isnull=True, live=False)
            & Exists(unpublished.filter(timestamp__lt=cutoff))
            & ~Exists(unpublished.filter(timestamp__gte=cutoff))
        )
    )


def due_responses(cutoff):
    return Response.objects.filter(survey__in=closed_surveys(cutoff).values("pk"), anonymised_at__isnull=True)


def _survey_counts(cutoff):
    due = due_responses(cutoff)
    return {
        "surveys": due.order_by().values("survey").distinct().count(),
        "survey_responses": due.count(),
        "survey_user_links": due.filter(user__isnull=False).count(),
    }


def _oldest_survey(cutoff):
    pending = Response.objects.filter(survey=OuterRef("pk"), anonymised_at__isnull=True)
    return (
        closed_surveys(cutoff)
        .filter(Exists(pending))
        .order_by()
        .aggregate(oldest=Min(Coalesce("closes_at", "last_published_at")))["oldest"]
    )


def _apply_surveys(cutoff, now, size, counts):
    surveys = set()
    for batch in _locked_batches(due_responses(cutoff), ["pk", "survey_id", "user_id"], size):
        # Random, so it proves nothing about anyone; as long as an HMAC, and unique, as the constraint needs.
        for response in batch:
            response.respondent = secrets.token_hex(32)
        Response.objects.bulk_update(batch, ["respondent"])
        Response.objects.filter(pk__in=[response.pk for response in batch]).update(
            user=None, submitted_at=None, changed_at=None, anonymised_at=now
        )
        surveys.update(response.survey_id for response in batch)
        counts["survey_responses"] += len(batch)
        counts["survey_user_links"] += sum(1 for response in batch if response.user_id)
    counts["surveys"] = len(surveys)


# The run


def apply(dry_run=False, now=None):
    """Anonymise what outlived its retention period (or, with `dry_run`, only count it); returns a Report."""
    now = now or timezone.now()
    report = Report(
        dry_run=dry_run,
        case_cutoff=now - datetime.timedelta(days=closed_case_days()),
        survey_cutoff=now - datetime.timedelta(days=survey_token_days()),
    )
    report.oldest = {"cases": _oldest_case(report.case_cutoff), "surveys": _oldest_survey(report.survey_cutoff)}
    if dry_run:
        report.counts = {**_case_counts(report.case_cutoff), **_survey_counts(report.survey_cutoff)}
        return report
    counts = dict.fromkeys(KINDS, 0)
    size = batch_size()
    _apply_cases(report.case_cutoff, now, size, counts)
    _apply_surveys(report.survey_cutoff, now, size, counts)
    report.counts = counts
    return report


def next_run(now=None):
    """The next RUN_AT, local time, strictly after `now`."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    if run <= local:
        run += datetime.timedelta(days=1)
    return run


def schedule_daily(now=None):
    """Book the next nightly retention run in the task queue, unless the queue cannot defer or one is waiting."""
    from django_tasks_db.models import DBTaskResult

    from operations.tasks import apply_retention

    if not apply_retention.get_backend().supports_defer:
        return None
    if DBTaskResult.objects.filter(task_path=apply_retention.module_path, status="READY").exists():
        return None
    return apply_retention.using(run_after=next_run(now)).enqueue()
