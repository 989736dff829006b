"""An opinion's journey from the council to the municipal council's answer, as plain functions.

Used by the admin, the demo content and the tests alike. The order of the steps:

    formed → sent (date, letter reference) → on the municipal council's agenda (meeting date, item number)
    → answered (accepted, sent to a commission, rejected, noted; decision number and text)
    → implementation milestones with a progress figure (only after accepted or sent to a commission)
    → done or dropped.

An opinion may be dropped at any point before it is done; a commission's answer may be followed by the
council's final answer; an opinion put on an agenda may be put on a later one when it was postponed. No step
is dated before the one before it, none in the future, none after done or dropped. `Opinion.status`,
`status_on` and `progress` repeat the latest step, for lists that filter without reading the steps.
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council import access
from council.models import AgendaItem, Body, Opinion, OpinionStep

Kind = OpinionStep.Kind
Answer = OpinionStep.Answer
Status = Opinion.Status

# The fields each kind of step carries (besides its date and note); the others are left empty.
FIELDS = {
    Kind.FORMED: [],
    Kind.SENT: ["letter_reference"],
    Kind.ON_AGENDA: ["council_meeting_on", "council_item_number"],
    Kind.ANSWERED: ["answer", "decision_number", "decision_text"],
    Kind.MILESTONE: ["progress"],
    Kind.DONE: [],
    Kind.DROPPED: [],
}
STEP_FIELDS = ["letter_reference", "council_meeting_on", "council_item_number", "answer", "decision_number",
               "decision_text", "progress", "note"]  # fmt: skip
IMPLEMENTED = {Answer.ACCEPTED, Answer.COMMISSION}
FINAL = {Kind.DONE, Kind.DROPPED}
ANSWER_STATUS = {
    Answer.ACCEPTED: Status.ACCEPTED,
    Answer.COMMISSION: Status.COMMISSION,
    Answer.REJECTED: Status.REJECTED,
    Answer.NOTED: Status.NOTED,
}
STEP_STATUS = {
    Kind.FORMED: Status.FORMED,
    Kind.SENT: Status.SENT,
    Kind.ON_AGENDA: Status.ON_AGENDA,
    Kind.MILESTONE: Status.IN_PROGRESS,
    Kind.DONE: Status.DONE,
    Kind.DROPPED: Status.DROPPED,
}
# Statuses of an opinion that waits for the municipal council's answer.
WAITING = {Status.SENT, Status.ON_AGENDA}


def next_kinds(latest):
    """The kinds of step that may follow `latest` (an OpinionStep, or None for an opinion without steps)."""
    if latest is None:
        return [Kind.FORMED]
    kind = Kind(latest.kind)
    if kind == Kind.FORMED:
        return [Kind.SENT, Kind.DROPPED]
    if kind == Kind.SENT:
        return [Kind.ON_AGENDA, Kind.DROPPED]
    if kind == Kind.ON_AGENDA:
        # Postponed to a later meeting: on an agenda again.
        return [Kind.ANSWERED, Kind.ON_AGENDA, Kind.DROPPED]
    if kind == Kind.ANSWERED:
        if latest.answer == Answer.ACCEPTED:
            return [Kind.MILESTONE, Kind.DONE, Kind.DROPPED]
        if latest.answer == Answer.COMMISSION:
            # The commission reports and the council answers again, or the work starts at once.
            return [Kind.ANSWERED, Kind.MILESTONE, Kind.DONE, Kind.DROPPED]
        return [Kind.DROPPED]
    if kind == Kind.MILESTONE:
        return [Kind.MILESTONE, Kind.DONE, Kind.DROPPED]
    return []


def _refusal(kind, latest):
    """Why a step of `kind` cannot follow `latest`, in words a coordinator understands."""
    label = Kind(kind).label
    if latest is None:
        return _("An opinion's first step is its forming by the council.")
    if latest.kind in FINAL:
        return _("This opinion's journey has ended (%(step)s); no step can follow.") % {
            "step": Kind(latest.kind).label.lower()
        }
    if kind == Kind.FORMED:
        return _("This opinion has already been formed.")
    if kind == Kind.ON_AGENDA:
        return _("An opinion goes on the municipal council's agenda only after it has been sent to the municipality.")
    if kind == Kind.ANSWERED:
        if latest.kind in (Kind.FORMED, Kind.SENT):
            return _("The municipal council cannot answer an opinion before it has been sent and put on its agenda.")
        return _("The municipal council has already answered this opinion.")
    if kind in (Kind.MILESTONE, Kind.DONE):
        return _(
            "“%(step)s” can be recorded only after the municipal council accepted the opinion "
            "or sent it to a commission."
        ) % {"step": label}
    if kind == Kind.SENT:
        return _("This opinion has already been sent.")
    return _("“%(step)s” cannot follow “%(latest)s”.") % {"step": label, "latest": Kind(latest.kind).label}


def check_step(opinion, kind, date, latest=None, today=None, **fields):
    """Raise a ValidationError (in Turkish, field by field where it can) if the step cannot be recorded.

    `latest` is the opinion's latest step (read when not given). Returns the step's fields, cleaned:
    only those its kind carries.
    """
    if latest is None:
        latest = opinion.steps.order_by("-date", "-recorded_at", "-pk").first() if opinion.pk else None
    today = today or timezone.localdate()
    try:
        kind = Kind(kind)
    except ValueError as error:
        raise ValidationError({"kind": _("Choose what happened.")}) from error
    if kind not in next_kinds(latest):
        raise ValidationError({"kind": _refusal(kind, latest)})
    errors = {}
    if not date:
        errors["date"] = _("Give the date of this step.")
    elif date > today:
        errors["date"] = _("A step cannot be dated in the future.")
    elif latest is not None and date < latest.date:
        errors["date"] = _("This step cannot be dated before the previous one (%(date)s).") % {
            "date": latest.date.strftime("%d.%m.%Y")
        }
    cleaned = {name: fields.get(name) for name in FIELDS[kind]}
    cleaned["note"] = (fields.get("note") or "").strip()
    for name in ("letter_reference", "council_item_number", "decision_number", "decision_text"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if kind == Kind.SENT and not cleaned["letter_reference"]:
        errors["letter_reference"] = _("Give the reference number of the letter sent to the municipality.")
    if kind == Kind.ON_AGENDA:
        meeting_on = cleaned["council_meeting_on"]
        sent = _latest_sent_on(opinion, latest)
        if not meeting_on:
            errors["council_meeting_on"] = _("Give the date of the municipal council's meeting.")
        elif sent and meeting_on < sent:
            errors["council_meeting_on"] = _("The meeting cannot be before the opinion was sent (%(date)s).") % {
                "date": sent.strftime("%d.%m.%Y")
            }
        if not cleaned["council_item_number"]:
            errors["council_item_number"] = _("Give the item's number on the municipal council's agenda.")
    if kind == Kind.ANSWERED:
        if cleaned["answer"] not in Answer.values:
            errors["answer"] = _("Choose the municipal council's answer.")
        if not cleaned["decision_number"]:
            errors["decision_number"] = _("Give the number of the municipal council's decision.")
        if not cleaned["decision_text"]:
            errors["decision_text"] = _("Give the text of the decision (or its summary).")
        if (
            date
            and latest is not None
            and latest.kind == Kind.ON_AGENDA
            and latest.council_meeting_on
            and date < latest.council_meeting_on
        ):
            errors["date"] = _("The answer cannot be dated before the meeting (%(date)s).") % {
                "date": latest.council_meeting_on.strftime("%d.%m.%Y")
            }
    if kind == Kind.MILESTONE:
        progress = cleaned["progress"]
        if progress is None or progress == "":
            errors["progress"] = _("Give how far the work has come, from 0 to 100 per cent.")
        else:
            try:
                progress = int(progress)
            except (TypeError, ValueError):
                progress = -1
            if not 0 <= progress <= 100:
                errors["progress"] = _("Progress is a figure from 0 to 100 per cent.")
            cleaned["progress"] = progress
        if not cleaned["note"]:
            errors["note"] = _("Say what was done by this milestone.")
    if kind == Kind.DROPPED and not cleaned["note"]:
        errors["note"] = _("Say why the opinion was dropped.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _latest_sent_on(opinion, latest):
    if latest is not None and latest.kind == Kind.SENT:
        return latest.date
    if not opinion.pk:
        return None
    sent = opinion.steps.filter(kind=Kind.SENT).order_by("-date").first()
    return sent.date if sent else None


def recorded_as(user, body):
    """The role in which `user` records on `body`, as kept with the step."""
    if access.is_secretariat(user):
        return OpinionStep.RecordedAs.SECRETARIAT
    return OpinionStep.RecordedAs.COORDINATOR


def _require(user, body):
    if user is None or not access.may_record(user, body):
        raise PermissionDenied(_("Only the council's secretariat and this body's coordinators record its opinions."))


def status_for(step):
    """The opinion's status when `step` is its latest."""
    if step is None:
        return Status.FORMED
    if step.kind == Kind.ANSWERED:
        return ANSWER_STATUS[Answer(step.answer)]
    return STEP_STATUS[Kind(step.kind)]


def _progress_after(step, before):
    if step.kind == Kind.DONE:
        return 100
    if step.kind == Kind.MILESTONE:
        return step.progress or 0
    return before


def sync(opinion, steps=None):
    """Set the opinion's status, status date and progress from its steps (after a step was corrected)."""
    steps = list(steps if steps is not None else opinion.steps.order_by("date", "recorded_at", "pk"))
    progress = 0
    for step in steps:
        progress = _progress_after(step, progress)
    latest = steps[-1] if steps else None
    opinion.status = status_for(latest)
    opinion.status_on = latest.date if latest else None
    opinion.progress = progress
    opinion.save(update_fields=["status", "status_on", "progress"])
    return opinion


@transaction.atomic
def record_step(opinion, kind, date, user, **fields):
    """Record the next step of `opinion`'s journey, refusing an impossible one (ValidationError, in Turkish).

    Only the secretariat and the coordinators of the opinion's body's assembly record (PermissionDenied).
    """
    opinion = Opinion.objects.select_for_update().select_related("body").get(pk=opinion.pk)
    _require(user, opinion.body)
    latest = opinion.steps.order_by("-date", "-recorded_at", "-pk").first()
    cleaned = check_step(opinion, kind, date, latest=latest, **fields)
    step = OpinionStep.objects.create(
        opinion=opinion,
        kind=kind,
        date=date,
        recorded_by=user,
        recorded_as=recorded_as(user, opinion.body),
        **{name: value for name, value in cleaned.items() if value is not None},
    )
    opinion.status = status_for(step)
    opinion.status_on = step.date
    opinion.progress = _progress_after(step, opinion.progress)
    opinion.save(update_fields=["status", "status_on", "progress"])
    return step


def form_opinion(source, title, text, topic, neighbourhoods, user, date=None, is_public=True):
    """Number a new opinion of the year and record its first step, "formed".

    `source` is the agenda item whose outcome it is (its meeting's body and date, and its vote, go with it),
    or a body when the opinion was formed outside a recorded meeting.
    """
    if isinstance(source, AgendaItem):
        item = source
        body = item.meeting.body
        date = date or timezone.localtime(item.meeting.starts_at).date()
    elif isinstance(source, Body):
        item, body = None, source
    else:
        raise TypeError("form_opinion takes an agenda item or a body")
    _require(user, body)
    date = date or timezone.localdate()
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the opinion a title.")
    if not (text or "").strip():
        errors["summary"] = _("Give the text of the opinion.")
    if date > timezone.localdate():
        errors["date"] = _("An opinion cannot be formed in the future.")
    if errors:
        raise ValidationError(errors)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                opinion = Opinion.objects.create(
                    year=date.year,
                    sequence=Opinion.next_sequence(date.year),
                    title=title.strip(),
                    summary=text.strip(),
                    body=body,
                    agenda_item=item,
                    topic=topic or Opinion._meta.get_field("topic").default,
                    is_public=is_public,
                    status=Status.FORMED,
                    status_on=date,
                )
                break
        except IntegrityError:  # another opinion took the number in the meantime
            continue
    else:
        raise ValidationError(_("The opinion could not be numbered; try again."))
    if neighbourhoods:
        opinion.neighbourhoods.set(neighbourhoods)
    record_step(opinion, Kind.FORMED, date, user)
    opinion.refresh_from_db()
    return opinion


# The municipal council's first meeting (Municipal Law 5393, art. 76 and art. 20).


def first_meeting_deadline(sent_on):
    """The last day on which an answer counts as given at the municipal council's first meeting after `sent_on`.

    The municipal council meets once a month, in the first week of the month (art. 20), and its agenda is set
    and announced beforehand; an opinion sent in one month goes on the agenda of the next month's meeting
    (art. 76). Its answer counts as given "at the first meeting" when dated by the 7th of the following month.
    """
    year, month = (sent_on.year + 1, 1) if sent_on.month == 12 else (sent_on.year, sent_on.month + 1)
    return datetime.date(year, month, min(7, calendar.monthrange(year, month)[1]))


WAIT_BANDS = [
    (30, gettext_lazy("Less than a month")),
    (90, gettext_lazy("One to three months")),
    (180, gettext_lazy("Three to six months")),
    (None, gettext_lazy("More than six months")),
]


def overview(opinions, today=None, total=None):
    """Figures over `opinions` (a query set) from their steps, in two queries whatever their number (one when the
    caller has counted them already and gives `total`).

    sent: opinions sent to the municipality; answered_first: of those, answered by the first meeting's deadline;
    answered_later; waiting: sent and neither answered nor dropped, with how long each has waited (days since
    sent), the longest, and how many are past the first meeting; not_sent: formed and not yet sent.
    """
    today = today or timezone.localdate()
    first = {}
    rows = (
        OpinionStep.objects.filter(opinion__in=opinions, kind__in=[Kind.SENT, Kind.ANSWERED, Kind.DROPPED])
        .order_by("date", "pk")
        .values_list("opinion_id", "kind", "date")
    )
    for opinion_id, kind, date in rows:
        first.setdefault(opinion_id, {}).setdefault(kind, date)
    if total is None:
        total = opinions.count()
    answered_first = answered_later = 0
    waits = []
    for dates in first.values():
        sent = dates.get(Kind.SENT)
        if sent is None:
            continue
        answered = dates.get(Kind.ANSWERED)
        if answered is not None:
            if answered <= first_meeting_deadline(sent):
                answered_first += 1
            else:
                answered_later += 1
        elif Kind.DROPPED not in dates:
            waits.append((today - sent).days)
    sent_count = sum(1 for dates in first.values() if Kind.SENT in dates)
    dropped_unsent = sum(1 for dates in first.values() if Kind.SENT not in dates and Kind.DROPPED in dates)
    bands = []
    low = 0
    for high, label in WAIT_BANDS:
        count = sum(1 for days in waits if days >= low and (high is None or days < high))
        bands.append((str(label), count))
        low = high or low
    return {
        "total": total,
        "sent": sent_count,
        "not_sent": total - sent_count - dropped_unsent,
        "answered": answered_first + answered_later,
        "answered_first": answered_first,
        "answered_later": answered_later,
        "answered_first_percent": round(100 * answered_first / (answered_first + answered_later))
        if answered_first + answered_later
        else None,
        "waiting": len(waits),
        "waiting_longest": max(waits, default=None),
        "waiting_median": sorted(waits)[len(waits) // 2] if waits else None,
        "waiting_bands": bands,
    }


def durations(steps, today=None):
    """Each step with the days it took since the step before (`took`), and the days since the latest step for an
    open journey (`waiting`): [(step, took)], waiting. `steps` in their order."""
    today = today or timezone.localdate()
    result = []
    previous = None
    for step in steps:
        result.append((step, (step.date - previous.date).days if previous else None))
        previous = step
    waiting = (today - previous.date).days if previous is not None and is_open(previous) else None
    return result, waiting


def is_open(latest):
    """Whether a journey whose latest step is `latest` still waits for a next step (rejected and noted opinions
    have their answer: they may only be dropped)."""
    if latest.kind in FINAL:
        return False
    return not (latest.kind == Kind.ANSWERED and latest.answer in (Answer.REJECTED, Answer.NOTED))
