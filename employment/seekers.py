"""The job seeker's side of İstihdam Merkezi: their CV, their consents, hiding, deleting and keeping it.

Views, the account's data download and erasure, and the retention pass all come here; nothing else changes a
CV's personal data.

Consents (KVKK art. 5 and 6): PROCESSING is needed to keep a CV the centre may match (withdrawing it hides the
CV); SHARING lets the centre propose the person to employers (each referral still needs the person's own
agreement). A declared disability status is special-category data: the processing consent given with it
names it in its wording.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employment.models import CV, EmploymentConsent, Experience, Referral

DEFAULT_STALE_DAYS = 730
DEFAULT_REMINDER_DAYS = 30
KEEP_SALT = "employment.cv.keep"

PROCESSING_WORDING = _(
    "I agree that Ümraniye Municipality's employment centre (İstihdam Merkezi) keeps the CV I write here and my "
    "uploaded CV file, and uses them to match me with vacancies and to contact me about them (KVKK, Law 6698, "
    "art. 5). I can hide my CV, withdraw this consent or delete my CV at any time."
)
DISABILITY_WORDING = _(
    "I also agree that the centre processes the disability status I declared, which is special-category "
    "personal data (KVKK art. 6), only to propose me vacancies reserved for the disability quota (Labour Law "
    "4857, art. 30)."
)
SHARING_WORDING = _(
    "I agree that the centre may propose me to employers with suitable vacancies. An employer sees my CV only "
    "after I have agreed to that one referral."
)


def stale_days():
    return int(getattr(settings, "EMPLOYMENT_CV_STALE_DAYS", DEFAULT_STALE_DAYS))


def reminder_days():
    return int(getattr(settings, "EMPLOYMENT_CV_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


# Consents ------------------------------------------------------------------------------------------------------


def active_consents(user):
    """{purpose: the latest consent of that purpose still standing} for `user`."""
    found = {}
    for consent in EmploymentConsent.objects.filter(user=user, withdrawn_at__isnull=True).order_by("given_at", "pk"):
        found[consent.purpose] = consent
    return found


def processing_wording(disability):
    wording = str(PROCESSING_WORDING)
    return f"{wording} {DISABILITY_WORDING}" if disability else wording


def wording_of(purpose, disability=False):
    """The text a consent of `purpose` records: what the form shows, in the language the person reads."""
    if purpose == EmploymentConsent.Purpose.PROCESSING:
        return processing_wording(disability)
    return str(SHARING_WORDING)


def covers_disability(consent):
    """Whether a processing consent's wording (in whichever language it was given) covers a declared disability."""
    if consent is None:
        return False
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if str(DISABILITY_WORDING) in consent.wording:
                return True
    return False


def give(user, purpose, disability=False, now=None):
    return give_consent(user, purpose, wording_of(purpose, disability), now=now)


def give_consent(user, purpose, wording, now=None):
    """Record `user`'s consent of `purpose` to `wording` (the text they read), dated."""
    consent = EmploymentConsent.objects.create(
        user=user, purpose=purpose, wording=wording, given_at=now or timezone.now()
    )
    if purpose == EmploymentConsent.Purpose.PROCESSING:
        CV.objects.filter(user=user, processing_consent_at__isnull=True).update(processing_consent_at=consent.given_at)
    return consent


@transaction.atomic
def withdraw_consent(user, purpose, now=None):
    """Withdraw every standing consent of `purpose`; withdrawing PROCESSING takes the CV out of the centre's
    searches. Returns how many consents were withdrawn."""
    now = now or timezone.now()
    count = EmploymentConsent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    if purpose == EmploymentConsent.Purpose.PROCESSING:
        CV.objects.filter(user=user).update(processing_consent_at=None)
    return count


def shares_with_employers(queryset):
    """CVs of `queryset` whose owner's consent to be proposed to employers stands (for the centre's matching)."""
    consents = EmploymentConsent.objects.filter(
        user=OuterRef("user"), purpose=EmploymentConsent.Purpose.SHARING, withdrawn_at__isnull=True
    )
    return queryset.filter(Exists(consents))


# The CV --------------------------------------------------------------------------------------------------------


def new_cv(user):
    """An unsaved CV with the account's name and contact filled in."""
    birth_year = user.birth_date.year if getattr(user, "birth_date", None) else None
    return CV(
        user=user,
        full_name=user.get_full_name(),
        email=user.email,
        phone=user.phone,
        neighbourhood_id=user.neighbourhood_id,
        birth_year=birth_year if birth_year and 1930 <= birth_year <= 2015 else None,
    )


@transaction.atomic
def save_cv(form, formsets, consents, now=None):
    """Save a valid CV form with its row formsets, and record the consents newly given.

    `consents` is {"processing": bool, "sharing": bool} as ticked on the form. Returns the CV.
    """
    now = now or timezone.now()
    cv = form.save(commit=False)
    user = cv.user
    standing = active_consents(user)
    disability = cv.disability_quota == CV.Quota.ELIGIBLE
    processing = standing.get(EmploymentConsent.Purpose.PROCESSING)
    wording = processing_wording(disability)
    if consents.get("processing") and (processing is None or (disability and not covers_disability(processing))):
        processing = give_consent(user, EmploymentConsent.Purpose.PROCESSING, wording, now=now)
    if consents.get("sharing") and EmploymentConsent.Purpose.SHARING not in standing:
        give(user, EmploymentConsent.Purpose.SHARING, now=now)
    if processing is not None and cv.processing_consent_at is None:
        cv.processing_consent_at = processing.given_at
    cv.touch()
    cv.updated_at = now
    cv.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = cv
        formset.save()
    return cv


def set_hidden(cv, hidden):
    cv.hidden = hidden
    cv.touch()
    cv.save(update_fields=["hidden", "updated_at", "reminded_at"])


def store_file(cv, clean_file):
    """Keep `clean_file` (a cv_files.CleanFile) as the CV's file, replacing and deleting any earlier one."""
    old = cv.file.name if cv.file else ""
    cv.file.save(f"cv-{cv.pk}.{clean_file.extension}", clean_file.as_file(), save=False)
    cv.touch()
    cv.save(update_fields=["file", "updated_at", "reminded_at"])
    if old and old != cv.file.name:
        transaction.on_commit(lambda: cv.file.storage.delete(old))


def remove_file(cv):
    if not cv.file:
        return
    name, storage = cv.file.name, cv.file.storage
    cv.file = ""
    cv.touch()
    cv.save(update_fields=["file", "updated_at", "reminded_at"])
    transaction.on_commit(lambda: storage.delete(name))


def _keeps_figures(cv):
    return cv.referrals.exists() or cv.placements.exists()


@transaction.atomic
def delete_cv(cv, now=None):
    """The person deletes their CV: rows and file go. A CV the centre referred or placed stays as an anonymous
    record, so the year's figures still count it; the person's data goes all the same. Returns "deleted" or
    "anonymised"."""
    # The CV was what the consents were for: they end with it (and stay on record, dated).
    if cv.user_id:
        for purpose in EmploymentConsent.Purpose.values:
            withdraw_consent(cv.user, purpose, now=now)
    if _keeps_figures(cv):
        anonymise(cv, now=now, detach=True)
        return "anonymised"
    name, storage = (cv.file.name, cv.file.storage) if cv.file else ("", None)
    cv.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    return "deleted"


ANONYMOUS = {
    "full_name": "",
    "email": "",
    "phone": "",
    "birth_year": None,
    "summary": "",
    "skills": "",
    "disability_quota": "",
}


@transaction.atomic
def anonymise(cv, now=None, detach=False):
    """Blank what names or describes the person (name, contact, free texts, file, school and employer names,
    a declared disability); occupations, mahalle, education levels, years of experience, languages and the
    dates stay, so the centre's figures keep counting the CV. `detach` also unlinks the account."""
    now = now or timezone.now()
    name, storage = (cv.file.name, cv.file.storage) if cv.file else ("", None)
    values = dict(ANONYMOUS, file="", hidden=True, anonymised_at=now, processing_consent_at=None)
    if detach:
        values["user"] = None
    CV.objects.filter(pk=cv.pk).update(**values)
    cv.education.update(school="", field="")
    Experience.objects.filter(cv=cv).update(employer="", position="")
    # Referrals the person has not yet agreed to can no longer be answered.
    cv.referrals.filter(status__in=[Referral.Status.APPLIED, Referral.Status.ASKED]).update(
        status=Referral.Status.WITHDRAWN
    )
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Keeping a CV from its reminder ----------------------------------------------------------------------------------


def keep_token(cv):
    return signing.dumps({"cv": cv.pk}, salt=KEEP_SALT, compress=True)


def keep_url(cv, language="tr"):
    with translation.override(language):
        path = reverse("employment:cv_keep", args=[keep_token(cv)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def cv_for_keep_token(token):
    """The CV a keep link names, while it can still be kept; None for a wrong, expired or spent link."""
    max_age = datetime.timedelta(days=reminder_days() + 30)
    try:
        data = signing.loads(token, salt=KEEP_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return CV.objects.filter(pk=data.get("cv"), anonymised_at__isnull=True).first()


def keep(cv):
    """The person keeps their CV: it counts as updated now, and the reminder is forgotten."""
    cv.touch()
    cv.save(update_fields=["updated_at", "reminded_at"])


# Personal data ---------------------------------------------------------------------------------------------------


def export_personal_data(user):
    """The person's CV, its rows, their consents and referrals, for the account's data download."""
    consents = [
        {
            "purpose": consent.purpose,
            "purpose_name": str(consent.get_purpose_display()),
            "wording": consent.wording,
            "given_at": consent.given_at.isoformat(),
            "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        }
        for consent in EmploymentConsent.objects.filter(user=user).order_by("given_at", "pk")
    ]
    cv = (
        CV.objects.filter(user=user)
        .select_related("neighbourhood")
        .prefetch_related("occupations", "education", "experience__occupation", "languages")
        .first()
    )
    if cv is None:
        return {"cv": None, "consents": consents}
    referrals = cv.referrals.select_related("vacancy__firm").order_by("created_at", "pk")
    return {
        "cv": {
            "full_name": cv.full_name,
            "email": cv.email,
            "phone": cv.phone,
            "birth_year": cv.birth_year,
            "neighbourhood": cv.neighbourhood.name if cv.neighbourhood else None,
            "summary": cv.summary,
            "occupations": [f"{occupation.code} {occupation.name}" for occupation in cv.occupations.all()],
            "skills": cv.skill_list,
            "driving_licence": cv.driving_licence or None,
            "work_types": [str(label) for value, label in work_type_choices() if value in cv.work_types],
            "available_from": cv.available_from.isoformat() if cv.available_from else None,
            "disability_quota": str(cv.get_disability_quota_display()) if cv.disability_quota else None,
            "file": bool(cv.file),
            "hidden": cv.hidden,
            "created_at": cv.created_at.isoformat(),
            "updated_at": cv.updated_at.isoformat(),
            "education": [
                {
                    "level": str(row.get_level_display()),
                    "school": row.school,
                    "field": row.field,
                    "graduated": row.graduated,
                }
                for row in cv.education.all()
            ],
            "experience": [
                {
                    "employer": row.employer,
                    "position": row.position,
                    "occupation": f"{row.occupation.code} {row.occupation.name}" if row.occupation else None,
                    "years": str(row.years),
                }
                for row in cv.experience.all()
            ],
            "languages": [
                {"language": row.language, "level": str(row.get_level_display())} for row in cv.languages.all()
            ],
            "referrals": [
                {
                    "vacancy": referral.vacancy.title,
                    "firm": referral.vacancy.firm.name,
                    "status": str(referral.get_status_display()),
                    "created_at": referral.created_at.isoformat(),
                }
                for referral in referrals
            ],
        },
        "consents": consents,
    }


def erase_personal_data(user):
    """With the account: the CV is anonymised (its file deleted) and unlinked; the consents go with the account."""
    for cv in CV.objects.filter(user=user):
        anonymise(cv, detach=True)


def work_type_choices():
    from employment.models import WorkType

    return WorkType.choices


# Retention -------------------------------------------------------------------------------------------------------


def remind(cv, now):
    """E-mail the person that their CV will be anonymised unless they keep it; mark it reminded."""
    from accounts.mail import send_templated_email

    address = cv.email or (cv.user.email if cv.user else "")
    CV.objects.filter(pk=cv.pk).update(reminded_at=now)
    if not address:
        return
    with translation.override("tr"):
        cv_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("employment:cv")
    send_templated_email(
        "employment/email/cv_reminder",
        [address],
        {
            "name": cv.full_name,
            "keep_url": keep_url(cv),
            "cv_url": cv_url,
            "days": reminder_days(),
            "updated": timezone.localtime(cv.updated_at).date(),
            "gone_on": timezone.localtime(now + datetime.timedelta(days=reminder_days())).date(),
        },
        language="tr",
    )


def message_for(outcome):
    if outcome == "anonymised":
        return gettext(
            "Your CV is deleted. As the centre referred you to employers, an anonymous record without your name, "
            "contact or texts stays for the centre's yearly figures."
        )
    return gettext("Your CV and its file are deleted.")


def connect():
    """What EmploymentConfig.ready() registers for job seekers: the data download and erasure, the account's
    link to the CV, and the retention rules."""
    from accounts import personal_data
    from employment import retention

    personal_data.register(personal_data.Section("employment_cv", export_personal_data, erase_personal_data))
    personal_data.account_links.append((_("My CV (employment centre)"), "employment:cv"))
    for rule in retention.RULES:
        personal_data.register_retention(rule)
