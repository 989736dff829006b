"""The register's rules: filing a case, routing, the status workflow and answers, each written to the history.

The admin, the suggestion box, the API and commands all call these functions, so a
change is recorded the same way whoever makes it.
"""

import datetime
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints import handoff, notifications, tasks, tracking
from complaints.models import Attachment, Case, CaseEvent, CaseNote, SocialPlatform, Supporter, due_date
from config.tasks import enqueue_on_commit
from places import gazetteer

Status = Case.Status

# Which statuses a case may move to from each one. Answered cases can be reopened;
# closed, rejected and duplicate cases are final.
TRANSITIONS = {
    Status.RECEIVED: {Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.REJECTED, Status.DUPLICATE},
    Status.ROUTED: {Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.REJECTED, Status.DUPLICATE},
    Status.IN_PROGRESS: {Status.ROUTED, Status.ANSWERED, Status.REJECTED, Status.DUPLICATE},
    Status.ANSWERED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: set(),
    Status.REJECTED: set(),
    Status.DUPLICATE: set(),
}
# Statuses only their own action sets: routing needs a directorate, answering an answer.
OWN_ACTIONS = {Status.ROUTED, Status.ANSWERED}
# Fields whose changes are written to the history when staff edit a case.
TRACKED_FIELDS = [
    "kind",
    "channel",
    "topic",
    "neighbourhood",
    "address",
    "description",
    "name",
    "phone",
    "email",
    "reply_by",
    "directorate",
    "due_on",
]


def _shown(value):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def event(case, action, actor=None, changes=None, message="", public=False):
    """A history entry, not yet saved."""
    return CaseEvent(
        case=case, action=action, actor=actor, changes=changes or {}, message=str(message)[:500], public=public
    )


def record(case, action, actor=None, changes=None, message="", public=False):
    entry = event(case, action, actor, changes, message, public)
    entry.save()
    return entry


def file_case(*, channel, description, photos=(), actor=None, notify=True, **fields):
    """Register a case and its photos (already cleaned by `complaints.photos`), and queue its hand-off and the
    citizen's notices.

    Everything is written in one transaction; if any part fails, nothing is stored
    and the photo files already written are removed again.
    """
    received_at = fields.pop("received_at", None) or timezone.now()
    if fields.get("anonymous"):
        for personal in ("name", "phone", "email", "reply_by", "user"):
            fields.pop(personal, None)
    if fields.get("directorate") is None and fields.get("topic") is not None:
        fields["directorate"] = fields["topic"].default_directorate
    if fields.get("directorate") is not None and fields.get("status", Status.RECEIVED) == Status.RECEIVED:
        fields["status"] = Status.ROUTED
    fields.setdefault("due_on", due_date(channel, timezone.localdate(received_at)))
    if channel in SocialPlatform.values:
        fields.setdefault("social_platform", channel)
    fields.update(channel=channel, description=description, received_at=received_at, registered_by=actor)
    # A fresh tracking number is drawn again in the rare event of a clash: the whole transaction is tried again
    # (a savepoint around the case alone cost the busiest request two more round trips every time).
    for _attempt in range(10):
        case = Case(tracking_number=tracking.new_number(), **fields)
        try:
            _store(case, photos, actor, notify)
        except IntegrityError:
            if Case.objects.filter(tracking_number=case.tracking_number).exists():
                continue
            raise
        return case
    raise RuntimeError("No free tracking number after ten draws.")


def _store(case, photos, actor, notify):
    """Save a new case with its photos, history, hand-off and task, all or nothing: the photo files already written
    are removed again when anything fails."""
    stored = []
    try:
        with transaction.atomic():
            case.save()
            for number, photo in enumerate(photos, start=1):
                attachment = Attachment(
                    case=case,
                    content_type=photo.content_type,
                    width=photo.width,
                    height=photo.height,
                    size=len(photo.content),
                )
                name = f"{case.tracking_number}-{number}.{photo.extension}"
                attachment.file.save(name, ContentFile(photo.content), save=False)
                stored.append(attachment.file.name)
                attachment.save()
            history = [event(case, CaseEvent.Action.REGISTERED, actor, message=case.get_channel_display(), public=True)]
            if case.directorate_id:
                changes = {"directorate": ["", str(case.directorate)]}
                history.append(event(case, CaseEvent.Action.ROUTED, actor, changes, public=True))
                notifications.tell_directorate(case)
            CaseEvent.objects.bulk_create(history)
            remember_place(case)
            # One task hands the case off and writes and sends the citizen's notices (complaints/tasks.py): the
            # busiest transaction holds only the case, its history, its hand-off and that task, which the queue
            # in the database commits with them (config/tasks.py), so the notices cannot be lost in between.
            tell = notify and notifications.has_recipient(case)
            if handoff.queue(case, send=False) or tell:
                enqueue_on_commit(tasks.send_new_case, case.pk, **({} if notify else {"notify": False}))
    except BaseException:
        case.pk = None  # nothing of it was stored
        for name in stored:
            _delete_file(name)
        raise


def remember_place(case):
    """Tell the suggestion box's gazetteer which street the case is on, about where (never the building, nor the
    exact point: the address may be the resident's own door), when it has a street address and a point."""
    if case.latitude is not None and case.address:
        gazetteer.remember(
            case.address,
            case.latitude,
            case.longitude,
            gazetteer.KnownAddress.Source.CASE,
            case.neighbourhood_id,
            building=False,
        )


def _delete_file(name):
    storage = Attachment.file.field.storage
    if storage.exists(name):
        storage.delete(name)


def check_transition(case, status):
    if status != case.status and status not in TRANSITIONS[Status(case.status)]:
        raise ValidationError(
            _("A case that is “%(current)s” cannot become “%(new)s”.")
            % {"current": case.get_status_display(), "new": Status(status).label}
        )


@transaction.atomic
def route(case, directorate, actor=None):
    """Send the case to `directorate` (a re-routing keeps the history of the earlier one)."""
    check_transition(case, Status.ROUTED)
    if case.status == Status.ROUTED and case.directorate_id == directorate.pk:
        # Already there: sending it again would tell the directorate twice and show the resident the step twice.
        return case
    old = case.directorate
    old_status = case.get_status_display()
    case.directorate = directorate
    case.status = Status.ROUTED
    case.save(update_fields=["directorate", "status"])
    changes = {"directorate": [_shown(old), _shown(directorate)]}
    if old_status != case.get_status_display():
        changes["status"] = [str(old_status), str(case.get_status_display())]
    record(case, CaseEvent.Action.ROUTED, actor, changes, public=True)
    notifications.tell_directorate(case)
    return case


@transaction.atomic
def set_status(case, status, actor=None, duplicate_of=None, message=""):
    """Move the case along the workflow (routing and answering have their own functions)."""
    if status in OWN_ACTIONS:
        raise ValidationError(_("Use routing or the answer form for this status."))
    check_transition(case, status)
    reopened = case.status == Status.ANSWERED and status == Status.IN_PROGRESS
    if status == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == case.pk:
            raise ValidationError(_("Give the tracking number of the original case."))
        case.duplicate_of = duplicate_of
    old = case.get_status_display()
    case.status = status
    if reopened:
        # The earlier answer stays in the history; the citizen no longer sees it as the answer.
        case.public_answer = ""
        case.mark_answered(None)
    case.save(update_fields=["status", "duplicate_of", "public_answer", "answered_at", "answered_on", "completed_in"])
    changes = {"status": [str(old), str(case.get_status_display())]}
    if duplicate_of is not None:
        changes["duplicate_of"] = ["", duplicate_of.display_number]
    record(case, CaseEvent.Action.STATUS, actor, changes, message=message, public=True)
    return case


@transaction.atomic
def answer(case, text, actor=None):
    """Write the public answer, mark the case answered and queue the citizen's notice."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the answer the citizen will read."))
    check_transition(case, Status.ANSWERED)
    old_status = case.get_status_display()
    case.public_answer = text
    case.status = Status.ANSWERED
    case.mark_answered(timezone.now())
    case.save(update_fields=["public_answer", "status", "answered_at", "answered_on", "completed_in"])
    record(
        case,
        CaseEvent.Action.ANSWERED,
        actor,
        {"status": [str(old_status), str(case.get_status_display())]},
        message=text,
        public=True,
    )
    notifications.answered(case)
    return case


@transaction.atomic
def confirm_fixed(case, satisfaction):
    """The resident says the answer fixed it ("Is it fixed?" – yes): the case closes with their rating (1–5)."""
    if case.status != Status.ANSWERED:
        raise ValidationError(_("This case is no longer waiting for the resident's word."))
    if satisfaction not in range(1, 6):
        raise ValidationError(_("Choose a rating from 1 to 5."))
    old_status = case.get_status_display()
    case.status = Status.CLOSED
    case.satisfaction = satisfaction
    case.save(update_fields=["status", "satisfaction"])
    changes = {"status": [str(old_status), str(case.get_status_display())], "satisfaction": ["", str(satisfaction)]}
    record(case, CaseEvent.Action.CONFIRMED, changes=changes, public=True)
    return case


@transaction.atomic
def reopen_unfixed(case, note=""):
    """The resident says it was not fixed ("Is it fixed?" – no): the case goes back to the same directorate,
    with a new deadline and the resident's note, and counts as reopened (Case.reopen_count, a REOPENED entry)."""
    if case.status != Status.ANSWERED:
        raise ValidationError(_("This case is no longer waiting for the resident's word."))
    old_status, old_due = case.get_status_display(), case.due_on
    # Back where it was answered from; a case the call centre answered itself goes back to the call centre.
    case.status = Status.ROUTED if case.directorate_id else Status.RECEIVED
    # The earlier answer stays in the history; the resident no longer sees it as the answer.
    case.public_answer = ""
    case.mark_answered(None)
    case.due_on = due_date(case.channel, timezone.localdate())
    case.reopen_count += 1
    case.save(
        update_fields=[
            "status",
            "public_answer",
            "answered_at",
            "answered_on",
            "completed_in",
            "due_on",
            "reopen_count",
        ]
    )
    changes = {"status": [str(old_status), str(case.get_status_display())]}
    if old_due != case.due_on:
        changes["due_on"] = [_shown(old_due), _shown(case.due_on)]
    record(case, CaseEvent.Action.REOPENED, changes=changes, message=note.strip(), public=True)
    if case.directorate_id:
        notifications.tell_directorate(case)
    return case


@transaction.atomic
def add_supporter(case, *, name="", email="", phone="", user=None, note="", consent_at=None):
    """A resident adds their voice to `case` instead of filing the same report again: counted on the case
    (a public line of its history) and told of its answer (notifications.answered)."""
    if not case.is_open:
        raise ValidationError(_("This report is no longer open; please send a new one."))
    supporter = Supporter.objects.create(
        case=case,
        name=name.strip()[:150],
        email=email.strip(),
        phone=phone,
        user=user if user is not None and user.is_authenticated else None,
        note=note.strip(),
        consent_at=consent_at,
    )
    record(case, CaseEvent.Action.SUPPORTED, public=True)
    return supporter


@transaction.atomic
def merge(duplicate, original, actor=None, message=""):
    """Join `duplicate` to `original`: it becomes a duplicate of it, its supporters follow the original, both
    histories say so, and its resident is told that they will hear the original's answer."""
    if original is None or original.pk == duplicate.pk:
        raise ValidationError(_("Give the tracking number of the original case."))
    if original.status == Status.DUPLICATE:
        raise ValidationError(
            _("%(number)s is itself a duplicate; merge into its original instead.")
            % {"number": original.display_number}
        )
    if not original.is_open and original.status != Status.ANSWERED:
        raise ValidationError(
            _("%(number)s is already finished; a case can only be joined to an open or answered one.")
            % {"number": original.display_number}
        )
    set_status(duplicate, Status.DUPLICATE, actor=actor, duplicate_of=original, message=message)
    duplicate.supporters.update(case=original)
    record(duplicate, CaseEvent.Action.MERGED, actor, {"duplicate_of": ["", original.display_number]}, public=True)
    record(original, CaseEvent.Action.MERGED, actor, {"merged": ["", duplicate.display_number]}, message=message)
    notifications.merged(duplicate, original)
    return duplicate


def add_note(case, text, actor=None):
    note = CaseNote.objects.create(case=case, author=actor, text=text)
    record(case, CaseEvent.Action.NOTE, actor)
    return note


def changes_between(before, after):
    """The tracked fields that differ between two states of a case, as [old, new] texts."""
    changes = {}
    for name in TRACKED_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            field = Case._meta.get_field(name)
            if field.choices:
                old, new = dict(field.flatchoices).get(old, old), dict(field.flatchoices).get(new, new)
            changes[name] = [_shown(old), _shown(new)]
    return changes


def save_edit(before, case, actor=None):
    """Save staff's edit of a case's details and write what changed to the history."""
    changes = changes_between(before, case)
    if not changes:
        return case
    case.save(update_fields=list(changes))
    record(case, CaseEvent.Action.CHANGED, actor, changes)
    if "directorate" in changes and case.directorate_id:
        notifications.tell_directorate(case)
    return case


def public_history(case):
    """What the citizen sees: registration, routing, status changes and the answer, without names of staff."""
    lines = []
    for event in case.events.filter(public=True):
        if event.action == CaseEvent.Action.REGISTERED:
            text = gettext("Received")
        elif event.action == CaseEvent.Action.ROUTED:
            text = gettext("Sent to %(directorate)s") % {"directorate": event.changes["directorate"][1]}
        elif event.action == CaseEvent.Action.ANSWERED:
            text = gettext("Answered")
        elif event.action in (CaseEvent.Action.REOPENED, CaseEvent.Action.CONFIRMED):
            # Never the resident's note: it is theirs, and may name them.
            text = event.get_action_display()
        else:
            text = event.changes.get("status", ["", event.get_action_display()])[1]
        lines.append((event.at, text))
    return lines


def file_name(attachment):
    return os.path.basename(attachment.file.name)


# Mail providers that ignore dots in the local part (fatma.sahin@gmail.com is fatmasahin@gmail.com).
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def email_limit_key(address):
    """One key per mailbox for the per-e-mail rate limits: lower case, without a "+tag" (fatma+2@… is fatma@…),
    and without dots at Gmail, so variants of one address share its limit. The case keeps the address as written.
    """
    local, _at, domain = (address or "").strip().lower().rpartition("@")
    if not local:
        return (address or "").strip().lower()
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"
