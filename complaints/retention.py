"""Retention of finished cases (KVKK, Law 6698 art. 7): registered in ComplaintsConfig.ready().

A finished case (closed, rejected or a duplicate) keeps the citizen's details for
`RETENTION_CLOSED_CASE_DAYS` after it was last handled: the time to answer a follow-up, an appeal or
an inspection. Then the citizen's name, contact details, address, location, own words, photos, the
staff's internal notes and the contact data of the messages sent are removed. What the statistics and
the annual report's tables count stays: kind, channel, social-media account, topic, directorate,
mahalle, status, dates and times to answer, and the answer, with the citizen's details and any e-mail
address or phone number struck out of it.
"""

import re

from django.conf import settings
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext

from accounts import personal_data
from complaints.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseNote,
    Delivery,
    Notification,
    PublicPhoto,
    RemoteUpdate,
    Supporter,
)

DEFAULT_CLOSED_CASE_DAYS = 730

# Case fields that name or locate the citizen, as written to the history by staff edits (complaints/cases.py).
PERSONAL_CASE_FIELDS = ("name", "phone", "email", "address", "description")
# What is kept of an update from the municipality's system: enough to see it was applied, nothing said in it.
KEPT_UPDATE_KEYS = ("update_id", "idempotency_key", "tracking_number", "status", "reference")

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Ten digits or more, however grouped: a phone number. Tracking numbers have nine, the call centre's seven.
_PHONE = re.compile(r"\+?\d(?:[\s().-]{0,3}\d){9,}")


def _texts():
    """The words written in place of what was removed, in the site's language (records are not per reader)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "removed": gettext("Removed when the retention period for personal data ended."),
            "struck": gettext("[removed]"),
            "history": gettext("Personal data removed: the retention period ended (KVKK)."),
        }


def _handled_at():
    """When a case was last handled: its last history entry, else its answer, else its filing."""
    last = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    return Coalesce(Subquery(last), "answered_at", "received_at")


def due_cases(cutoff):
    return Case.objects.retention_due(cutoff)


def case_details(cutoff):
    due = due_cases(cutoff).values("pk")
    return {
        "attachments": Attachment.objects.filter(case__in=due).count(),
        "notes": CaseNote.objects.filter(case__in=due).count(),
        "notifications": Notification.objects.filter(case__in=due).count(),
        "handoff_updates": RemoteUpdate.objects.filter(case__in=due).count(),
    }


def oldest_case(cutoff):
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
    attachments += PublicPhoto.objects.filter(attachment__case_id__in=ids).values_list("file", flat=True)
    Attachment.objects.filter(case_id__in=ids).delete()  # and their public copies, by cascade
    Supporter.objects.filter(case_id__in=ids).delete()  # the voices added: names and contacts
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
        public_description="",
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


def anonymise_cases(cutoff, now, size):
    texts = _texts()
    counts = dict.fromkeys(["cases", "attachments", "notes", "notifications", "handoff_updates"], 0)
    fields = ["pk", "name", "phone", "email", "address", "public_answer"]
    for batch in personal_data.locked_batches(due_cases(cutoff), fields, size):
        for kind, number in _anonymise_cases(batch, now, texts).items():
            counts[kind] += number
    return counts


RULES = [
    personal_data.RetentionRule(
        name="cases",
        app="complaints",
        what="finished cases, from when last handled: citizen's details, photos, notes removed; figures kept",
        setting="RETENTION_CLOSED_CASE_DAYS",
        default_days=DEFAULT_CLOSED_CASE_DAYS,
        due=due_cases,
        apply=anonymise_cases,
        details=case_details,
        oldest=oldest_case,
        labels={
            "attachments": "attached photos and files (deleted)",
            "notes": "internal notes (deleted)",
            "notifications": "notifications (recipient and text removed)",
            "handoff_updates": "updates from the municipality's system (reduced to their ids)",
        },
    )
]
