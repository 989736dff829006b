"""Referrals (yönlendirme): the centre puts a candidate forward for a vacancy, and the candidate agrees first.

- `refer(vacancy, cvs, by)`: the centre proposes candidates. Only a CV whose owner consented to sharing
  (EmploymentConsent SHARING, not withdrawn) can be asked; the candidate gets an e-mail, and an SMS where a mobile
  is known, with a link to /istihdam/yonlendirme/<token>/. Nothing reaches the employer yet (status ASKED).
- `answer(referral, agree)`: the candidate's answer on that page, without signing in (the token is the key, for
  `LINK_DAYS` days): AGREED lets the employer see the CV (`Referral.objects.visible_to_firm`), DECLINED does not.
- `approve(referral, by)`: an application (APPLIED) is the person's agreement to that employer; the centre's
  screening turns it into AGREED in one step. `withdraw(referral, reason, by)` takes a referral back.
"""

import datetime

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import send_templated_email
from outbox.sms import queue_sms

LINK_DAYS = 14


class Refused(ValidationError):
    """A referral the centre may not make or change; the message says why, in Turkish."""


def has_sharing_consent(cv):
    from employment.models import EmploymentConsent

    return bool(cv.user_id) and (
        EmploymentConsent.objects.filter(
            user_id=cv.user_id, purpose=EmploymentConsent.Purpose.SHARING, withdrawn_at__isnull=True
        ).exists()
    )


def sharing_cv_ids(cvs):
    """The ids among `cvs` whose owner's sharing consent stands (one query)."""
    from employment.models import EmploymentConsent

    users = {cv.user_id: cv.pk for cv in cvs if cv.user_id}
    consenting = EmploymentConsent.objects.filter(
        user_id__in=users, purpose=EmploymentConsent.Purpose.SHARING, withdrawn_at__isnull=True
    ).values_list("user_id", flat=True)
    return {users[user_id] for user_id in consenting}


def e164(raw):
    """A mobile as E.164 for the SMS gateway, or "" when it is not a usable mobile number."""
    try:
        number = phonenumbers.parse(raw or "", "TR")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def link(referral):
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("employment:referral_answer", args=[referral.token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def expires_at(referral):
    return referral.asked_at + datetime.timedelta(days=LINK_DAYS) if referral.asked_at else None


def is_expired(referral, now=None):
    ends = expires_at(referral)
    return ends is not None and (now or timezone.now()) >= ends


def _notify(referral):
    cv = referral.cv
    address = cv.email or (cv.user.email if cv.user_id else "")
    context = {
        "referral": referral,
        "vacancy": referral.vacancy,
        "firm": referral.vacancy.firm,
        "name": cv.full_name,
        "link": link(referral),
        "days": LINK_DAYS,
    }
    send_templated_email("employment/email/referral_asked", [address], context, language=settings.LANGUAGE_CODE)
    mobile = e164(cv.phone or (cv.user.phone if cv.user_id else ""))
    if mobile:
        with translation.override(settings.LANGUAGE_CODE):
            text = _(
                "Ümraniye İstihdam Merkezi: %(firm)s, %(vacancy)s. May we share your CV with this employer? "
                "Answer within %(days)d days: %(link)s"
            ) % {
                "firm": referral.vacancy.firm.name,
                "vacancy": referral.vacancy.title,
                "days": LINK_DAYS,
                "link": context["link"],
            }
        queue_sms(mobile, text)


def refer(vacancy, cvs, by, reasons=None, now=None):
    """Ask each CV's owner to agree to `vacancy`; returns (referrals made, [(cv, why refused)]).

    `reasons` maps a CV's id to the reasons of its rank (kept on the referral)."""
    from employment.models import CV, Referral

    now = now or timezone.now()
    reasons = reasons or {}
    cvs = list(cvs)
    searchable = set(CV.objects.searchable().filter(pk__in=[cv.pk for cv in cvs]).values_list("pk", flat=True))
    sharing = sharing_cv_ids(cvs)
    taken = set(Referral.objects.filter(vacancy=vacancy, cv__in=cvs).values_list("cv_id", flat=True))
    made, refused = [], []
    for cv in cvs:
        if cv.pk not in searchable:
            refused.append((cv, _("the CV is hidden or withdrawn")))
        elif cv.pk not in sharing:
            refused.append((cv, _("no consent to sharing the CV with employers")))
        elif cv.pk in taken:
            refused.append((cv, _("already referred to this vacancy")))
        else:
            with transaction.atomic():
                referral = Referral.objects.create(
                    vacancy=vacancy,
                    cv=cv,
                    origin=Referral.Origin.CENTRE,
                    status=Referral.Status.ASKED,
                    asked_at=now,
                    referred_by=by,
                    rank_reasons=[str(reason) for reason in reasons.get(cv.pk, [])],
                )
                _notify(referral)
            made.append(referral)
    return made, refused


@transaction.atomic
def answer(referral, agree, now=None):
    """The candidate's answer on the link's page. Raises Refused when the link expired or was answered."""
    from employment.models import Referral

    now = now or timezone.now()
    referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
    if referral.status != Referral.Status.ASKED:
        raise Refused(_("This referral has already been answered."))
    if is_expired(referral, now):
        raise Refused(_("This link has expired."))
    if agree:
        referral.status, referral.agreed_at = Referral.Status.AGREED, now
    else:
        referral.status, referral.declined_at = Referral.Status.DECLINED, now
    referral.save(update_fields=["status", "agreed_at", "declined_at"])
    return referral


@transaction.atomic
def approve(referral, by, now=None):
    """Screening: an application (APPLIED) goes to the employer (AGREED); its sender agreed by applying."""
    from employment.models import Referral

    referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
    if referral.status != Referral.Status.APPLIED:
        raise Refused(_("Only an application awaiting the centre can be referred in one step."))
    referral.status, referral.agreed_at, referral.referred_by = Referral.Status.AGREED, now or timezone.now(), by
    referral.save(update_fields=["status", "agreed_at", "referred_by"])
    return referral


@transaction.atomic
def withdraw(referral, reason, by, now=None):
    """Take back an application or a referral the candidate has not answered, or one the employer holds."""
    from employment.models import Referral

    referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
    if referral.status in (Referral.Status.WITHDRAWN, Referral.Status.DECLINED):
        raise Refused(_("This referral is already closed."))
    if not reason.strip():
        raise Refused(_("Write why the referral is withdrawn."))
    referral.status, referral.withdrawn_at = Referral.Status.WITHDRAWN, now or timezone.now()
    referral.withdrawal_reason = reason.strip()
    referral.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    return referral
