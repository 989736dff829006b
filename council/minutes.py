"""The minutes (tutanak) of a meeting: per agenda item what was said and decided, with the votes; then approval.

Nothing of the minutes is public until they are approved (`Meeting.minutes_approved_at`); after approval they
are published as they stand and no longer change. A meeting closed without quorum records no decisions.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AgendaItem, Meeting

DECISIONS = {AgendaItem.Outcome.ADOPTED, AgendaItem.Outcome.REJECTED, AgendaItem.Outcome.OPINION}


def check_writable(meeting):
    if meeting.minutes_approved_at is not None:
        raise ValidationError(_("These minutes are approved and published: they can no longer be changed."))
    if meeting.attendance_closed_at is None:
        raise ValidationError(_("Close the attendance first: the minutes need the quorum."))


def check_item(meeting, outcome, votes_for, votes_against, votes_abstaining):
    """Every mistake in one item's outcome and votes, as {field: message}; empty when it can be recorded."""
    errors = {}
    votes = {"votes_for": votes_for, "votes_against": votes_against, "votes_abstaining": votes_abstaining}
    given = {name: value for name, value in votes.items() if value is not None}
    if outcome in DECISIONS and not meeting.quorum_met:
        errors["outcome"] = _(
            "The meeting had no quorum: no decision can be recorded. Choose “Information given” or “Postponed”."
        )
    if given:
        if not meeting.quorum_met:
            errors.setdefault("votes_for", _("The meeting had no quorum: no vote can be recorded."))
        elif outcome not in DECISIONS:
            errors["outcome"] = _("Votes are recorded with a decision: adopted, rejected or an opinion.")
        elif votes_for is None:
            errors["votes_for"] = _("Enter the votes for (0 if nobody voted for).")
        present = meeting.present_count or 0
        total = sum(given.values())
        if total > present:
            errors.setdefault(
                "votes_for",
                _("%(total)s votes were entered but only %(present)s members were present.")
                % {"total": total, "present": present},
            )
        elif outcome == AgendaItem.Outcome.ADOPTED and votes_for is not None and votes_for <= (votes_against or 0):
            errors.setdefault(
                "outcome", _("With these votes the item was not adopted: more must vote for than against.")
            )
        elif outcome == AgendaItem.Outcome.REJECTED and votes_for is not None and votes_for > (votes_against or 0):
            errors.setdefault("outcome", _("With these votes the item was adopted, not rejected."))
    return errors


@transaction.atomic
def record(meeting, items, summary):
    """Save the minutes: `items` maps each agenda item's pk to its fields; refuses all if any item is wrong."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_writable(meeting)
    agenda = {item.pk: item for item in meeting.agenda_items.all()}
    errors = []
    for pk, fields in items.items():
        if pk not in agenda:
            continue
        problems = check_item(
            meeting, fields["outcome"], fields["votes_for"], fields["votes_against"], fields["votes_abstaining"]
        )
        errors += [f"{agenda[pk].title}: {message}" for message in problems.values()]
    if errors:
        raise ValidationError(errors)
    for pk, fields in items.items():
        item = agenda.get(pk)
        if item is None:
            continue
        for name in ("discussion", "outcome", "votes_for", "votes_against", "votes_abstaining"):
            setattr(item, name, fields[name])
        item.save(update_fields=["discussion", "outcome", "votes_for", "votes_against", "votes_abstaining"])
    meeting.minutes_summary = summary
    meeting.save(update_fields=["minutes_summary"])
    return meeting


def missing_for_approval(meeting):
    """What stands in the way of approving the minutes, in words (empty: they can be approved)."""
    if meeting.minutes_approved_at is not None:
        return [_("These minutes are already approved.")]
    if meeting.attendance_closed_at is None:
        return [_("The attendance is not closed yet.")]
    reasons = []
    if meeting.quorum_met:
        open_items = [item.title for item in meeting.agenda_items.all() if not item.outcome]
        if open_items:
            reasons.append(_("These agenda items have no outcome yet: %(items)s.") % {"items": ", ".join(open_items)})
    return reasons


@transaction.atomic
def approve(meeting, user):
    """Approve the minutes: from now on they are published (page, PDF, open data) and no longer change."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    reasons = missing_for_approval(meeting)
    if reasons:
        raise ValidationError(reasons)
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = user
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    return meeting
