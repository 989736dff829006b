"""Placements (istihdam): recording them, and the "still employed?" follow-ups after 30 and 90 days.

The employer's "hired" answer records a placement on the portal (employment/answers.py); the centre's staff record
one after a phone call (`record`). `send_due()` e-mails the centre's staff the placements whose 30- or 90-day
check is due and marks each as sent, so each check is asked for once; staff record the answer in the admin
(İstihdamlar → Takip). It runs every morning from the self-rescheduling task below, or from
`manage.py send_employment_follow_ups`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.mail import send_templated_email
from config.tasks import book_once, next_time_of_day

CHECKS = (30, 90)
SEND_AT = datetime.time(9, 0)


@transaction.atomic
def record(cv, firm, started_on, by, referral=None, source=None):
    """A placement, e.g. after a phone call (`source` PHONE by default)."""
    from employment.models import Placement

    return Placement.objects.create(
        cv=cv,
        firm=firm,
        referral=referral,
        started_on=started_on,
        source=source or Placement.Source.PHONE,
        recorded_by=by,
    )


def to_follow_up():
    """Placements of a person the centre can still call: not an anonymised CV (the report's archive placements
    that load_employment_volumes makes, a deleted account, a stale CV), whose name and phone are gone."""
    from employment.models import Placement

    return Placement.objects.filter(cv__anonymised_at__isnull=True)


def due(days, today=None):
    """Placements whose `days`-day check is due: started that long ago, not yet asked for nor answered."""
    today = today or timezone.localdate()
    return to_follow_up().filter(
        **{
            "started_on__lte": today - datetime.timedelta(days=days),
            f"follow_up_{days}_sent_at__isnull": True,
            f"employed_at_{days}__isnull": True,
        }
    )


def awaiting_answer(today=None):
    """Placements with a check due or asked for and not yet answered (the staff's dashboard)."""
    today = today or timezone.localdate()
    match = Q()
    for days in CHECKS:
        match |= Q(**{"started_on__lte": today - datetime.timedelta(days=days), f"employed_at_{days}__isnull": True})
    # The 30-day check is moot once the 90-day answer is in.
    return to_follow_up().filter(match).exclude(employed_at_90__isnull=False)


def recipients():
    """The centre's staff with an e-mail address."""
    from django.contrib.auth import get_user_model

    from employment.access import CENTRE

    return list(
        get_user_model().objects.filter(groups__name=CENTRE, is_active=True).exclude(email="").order_by("pk").distinct()
    )


def send_due(today=None, now=None):
    """E-mail the centre's staff the checks due today, once each; returns how many checks were sent."""
    from employment.models import Placement

    today = today or timezone.localdate()
    now = now or timezone.now()
    rows = []
    with transaction.atomic():
        for days in CHECKS:
            placements = list(
                due(days, today).select_for_update(of=("self",)).select_related("cv", "firm").order_by("started_on")
            )
            Placement.objects.filter(pk__in=[p.pk for p in placements]).update(**{f"follow_up_{days}_sent_at": now})
            rows += [{"placement": placement, "days": days} for placement in placements]
        if not rows:
            return 0
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("employment_placements:index")
        for person in recipients():
            send_templated_email(
                "employment/email/follow_ups",
                [person.email],
                {"rows": rows, "name": person.get_full_name() or person.email, "link": link},
                language=settings.LANGUAGE_CODE,
            )
    return len(rows)


def schedule_next(after=None):
    """Book the follow-up task for the next 09:00 in Istanbul, unless one is already waiting."""
    return book_once(send_follow_ups, next_time_of_day(SEND_AT, after or timezone.now()))


@task()
def send_follow_ups():
    """The day's follow-ups; then the task books itself for tomorrow morning."""
    send_due()
    schedule_next(timezone.now() + datetime.timedelta(hours=1))
