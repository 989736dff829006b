"""A firm's life at the centre: registering, being verified by the centre, posting and closing vacancies.

The views (employer_views.py, admin_firms.py) call these; nothing else changes a firm's or a vacancy's state.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.mail import send_templated_email
from employment.models import Firm, FirmMember, Referral, Vacancy


@transaction.atomic
def register_firm(firm, user):
    """Save a newly registered `firm` (pending verification) with `user` as its first member."""
    firm.verified_at = None
    firm.verified_by = None
    firm.save()
    FirmMember.objects.create(firm=firm, user=user)
    return firm


def awaiting_verification():
    """Firms the centre has not verified yet, the oldest first."""
    return Firm.objects.filter(verified_at__isnull=True).order_by("created_at", "pk")


def verify_firm(firm, by):
    """Record that the centre checked `firm` (`by` a staff member) and tell its contact. False if already verified."""
    with transaction.atomic():
        locked = Firm.objects.select_for_update().get(pk=firm.pk)
        if locked.verified_at is not None:
            return False
        locked.verified_at, locked.verified_by = timezone.now(), by
        locked.save(update_fields=["verified_at", "verified_by"])
    firm.verified_at, firm.verified_by = locked.verified_at, by
    send_templated_email(
        "employment/email/firm_verified",
        [firm.contact_email],
        {
            "firm": firm,
            "employer_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("employment:employer"),
            "published": firm.vacancies.filter(status=Vacancy.Status.PUBLISHED).count(),
        },
        language="tr",
    )
    return True


def vacancies_of(firm):
    """A firm's vacancies for its own area, newest first, each with its count of referred candidates."""
    return (
        firm.vacancies.select_related("occupation", "neighbourhood")
        .annotate(candidate_count=Count("referrals", filter=Q(referrals__status=Referral.Status.AGREED)))
        .order_by("-created_at", "-pk")
    )


def save_vacancy(vacancy, by, publish=False):
    """Save `vacancy` as its firm's user `by` wrote it; `publish` puts it on the public list (once the firm is
    verified), else it stays or becomes a draft."""
    if vacancy.pk is None:
        vacancy.created_by = by
    if publish:
        vacancy.status = Vacancy.Status.PUBLISHED
        if vacancy.published_at is None:
            vacancy.published_at = timezone.now()
    else:
        vacancy.status = Vacancy.Status.DRAFT
    vacancy.save()
    return vacancy


def close_vacancy(vacancy):
    """Take a vacancy off the public list; referrals already made stay with the firm."""
    vacancy.status = Vacancy.Status.CLOSED
    vacancy.save(update_fields=["status"])
    return vacancy


def candidates(firm):
    """The candidates `firm` may see: only referrals the person agreed to (Referral.objects.visible_to_firm), and
    not once the person hid the CV, withdrew consent or the retention pass anonymised it (as access.may_see_cv)."""
    return Referral.objects.visible_to_firm(firm).filter(
        cv__hidden=False, cv__anonymised_at__isnull=True, cv__processing_consent_at__isnull=False
    )


def public_state(vacancy, today=None):
    """What the firm's users read about a vacancy: its status, and whether the public sees it now and why not."""
    today = today or timezone.localdate()
    if vacancy.status == Vacancy.Status.PUBLISHED and vacancy.closing_date < today:
        return "expired"
    if vacancy.status == Vacancy.Status.PUBLISHED and not vacancy.firm.verified:
        return "waiting"
    return vacancy.status
