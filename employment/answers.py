"""The employer's answer for a candidate referred to it: interviewed, hired (from a date) or not hired (why).

A hire is a placement (istihdam): the answer and the Placement are written together, so the centre's figures
never count a hire without its answer nor an answer without its hire.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employment.models import Placement, Referral

Outcome = Referral.Outcome
ANSWERS = (Outcome.INTERVIEWED, Outcome.HIRED, Outcome.NOT_HIRED)


class AnswerError(ValidationError):
    """An answer that cannot be true; its message is for the employer, in their language."""


def record_answer(referral, outcome, reason, by, started_on=None):
    """Record the employer's `outcome` for `referral` (by the firm's user `by`); a hire creates its Placement.

    Refused: an answer for a referral the candidate has not agreed to, a hire without its start date or starting
    before the referral, a refusal without its reason, and any change after a hire (the centre corrects those).
    """
    reason = (reason or "").strip()
    if outcome not in ANSWERS:
        raise AnswerError(_("Choose interviewed, hired or not hired."))
    if outcome == Outcome.HIRED and started_on is None:
        raise AnswerError(_("Write the date the person starts (or started) work."))
    if outcome == Outcome.NOT_HIRED and not reason:
        raise AnswerError(_("Write why the person was not hired; the centre uses it to refer better candidates."))
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if locked.status != Referral.Status.AGREED:
            raise AnswerError(_("This candidate has not been referred to you, so there is nothing to answer."))
        if locked.outcome == Outcome.HIRED:
            raise AnswerError(
                _("This person is already recorded as hired. To correct it, please call the employment centre.")
            )
        if outcome == Outcome.HIRED and locked.agreed_at and started_on < timezone.localdate(locked.agreed_at):
            raise AnswerError(_("The start date cannot be before the candidate was referred to you."))
        locked.outcome = outcome
        locked.outcome_reason = reason if outcome != Outcome.HIRED else ""
        locked.outcome_at = timezone.now()
        locked.outcome_by = by
        locked.save(update_fields=["outcome", "outcome_reason", "outcome_at", "outcome_by"])
        if outcome == Outcome.HIRED:
            Placement.objects.create(
                cv_id=locked.cv_id,
                firm_id=locked.vacancy.firm_id,
                referral=locked,
                started_on=started_on,
                source=Placement.Source.EMPLOYER,
                recorded_by=by,
            )
    for field in ("outcome", "outcome_reason", "outcome_at", "outcome_by"):
        setattr(referral, field, getattr(locked, field))
    return referral
