"""A job seeker's application to a vacancy with their CV, in one click.

The application is the person's agreement to share the CV with the centre and with this one employer; it
reaches the employer only after the centre screens it and refers it (Referral.Status.AGREED).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employment.models import Referral, Vacancy


class ApplicationError(ValidationError):
    """Why an application cannot be made, for the seeker; `needs_cv` when fixing the CV would let them apply."""

    def __init__(self, message, needs_cv=False):
        super().__init__(message)
        self.needs_cv = needs_cv


def refusal(cv, vacancy, today=None):
    """Why `cv` cannot apply to `vacancy` now, or None."""
    if not Vacancy.objects.public(today).filter(pk=vacancy.pk).exists():
        return ApplicationError(_("This vacancy is closed or not published, so it takes no applications."))
    if cv is None or cv.anonymised_at is not None:
        return ApplicationError(_("To apply, first create your CV."), needs_cv=True)
    if cv.processing_consent_at is None:
        return ApplicationError(
            _("Your CV has no consent to processing yet. Give it on your CV page, then apply."), needs_cv=True
        )
    if cv.hidden:
        return ApplicationError(_("Your CV is hidden. Show it again on your CV page to apply."), needs_cv=True)
    if Referral.objects.filter(vacancy=vacancy, cv=cv).exists():
        return ApplicationError(_("You have already applied for this vacancy."))
    return None


def apply(cv, vacancy):
    """Send `cv` to the centre for `vacancy`: a Referral(APPLICATION, APPLIED). Raises ApplicationError."""
    error = refusal(cv, vacancy)
    if error is not None:
        raise error
    try:
        with transaction.atomic():
            return Referral.objects.create(
                vacancy=vacancy,
                cv=cv,
                origin=Referral.Origin.APPLICATION,
                status=Referral.Status.APPLIED,
                created_at=timezone.now(),
            )
    except IntegrityError:  # a second click that overtook the first
        raise ApplicationError(_("You have already applied for this vacancy.")) from None
