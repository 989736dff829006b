"""The life of a membership: applying, the coordinators' decisions, leaving.

Views, the admin and the roster import all go through these functions, so every
step is checked, recorded in the membership's history and e-mailed.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_templated_email
from assemblies import eligibility
from assemblies.models import GuardianConsent, Membership, MembershipEvent

State = Membership.State

# Which state may follow which, and the e-mail the person then receives.
TRANSITIONS = {
    "approve": ({State.APPLIED, State.SUSPENDED}, State.APPROVED, "approved"),
    "reject": ({State.APPLIED}, State.REJECTED, "rejected"),
    "suspend": ({State.APPROVED}, State.SUSPENDED, "suspended"),
    "leave": ({State.APPLIED, State.APPROVED, State.SUSPENDED}, State.LEFT, "left"),
}
NEEDS_REASON = {"reject", "suspend"}


class MembershipError(Exception):
    """A step that cannot be taken; the message says why, for people."""


class NotEligible(MembershipError):
    def __init__(self, verdict):
        self.verdict = verdict
        super().__init__(" ".join(verdict.reasons))


def apply(user, assembly, details, day=None):
    """File `user`'s application to `assembly` with the form's `details`; returns the membership.

    Raises NotEligible, or MembershipError when the person has already applied
    (the database constraint decides, so two quick submissions make one row).
    """
    assembly = assembly.canonical
    verdict = eligibility.check(assembly, user, day)
    if not verdict.eligible:
        raise NotEligible(verdict)
    existing = Membership.objects.filter(assembly=assembly, user=user).first()
    if existing and existing.state not in {State.LEFT, State.REJECTED}:
        raise MembershipError(_("You have already applied to this assembly."))
    fields = {
        "full_name": user.get_full_name() or user.email,
        "email": user.email,
        "phone": details.get("phone") or user.phone,
        "birth_date": user.birth_date,
        "gender": user.gender,
        "neighbourhood": details.get("neighbourhood") or user.neighbourhood,
        "language": get_language() or "tr",
        **{key: value for key, value in details.items() if key not in {"phone", "neighbourhood", "guardian_consent"}},
    }
    # Consent comes from the parent or guardian themselves (confirm_guardian), never from the child's form.
    fields.update(
        guardian_consent_at=None, guardian_consent_via="", guardian_consent_note="", guardian_consent_recorded_by=None
    )
    try:
        with transaction.atomic():
            if existing:  # coming back after leaving or a rejection: the same row, a new application
                previous = existing.state
                for name, value in fields.items():
                    setattr(existing, name, value)
                existing.state, existing.state_reason = State.APPLIED, ""
                existing.applied_at, existing.decided_at = timezone.now(), None
                existing.save()
                membership = existing
            else:
                previous = ""
                membership = Membership.objects.create(assembly=assembly, user=user, **fields)
            MembershipEvent.objects.create(
                membership=membership, actor=user, from_state=previous, to_state=State.APPLIED
            )
    except IntegrityError as error:
        raise MembershipError(_("You have already applied to this assembly.")) from error
    _notify(membership, "applied")
    if verdict.needs_guardian:
        ask_guardian(membership)
    _notify_coordinators(membership)
    return membership


# How long a parent or guardian's confirmation link works (settings.GUARDIAN_LINK_MAX_AGE overrides it).
GUARDIAN_LINK_DAYS = 14
GUARDIAN_SALT = "assemblies.guardian-consent"


class LinkError(MembershipError):
    """A confirmation link that is forged, expired or for an application that is no more."""


def _application_key(membership):
    """What ties a link to one application: a new application, or another guardian address, voids old links."""
    text = f"{membership.pk}:{membership.applied_at.isoformat()}:{membership.guardian_email}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def guardian_token(membership):
    return signing.dumps({"m": membership.pk, "k": _application_key(membership)}, salt=GUARDIAN_SALT)


def guardian_link_max_age():
    return getattr(settings, "GUARDIAN_LINK_MAX_AGE", GUARDIAN_LINK_DAYS * 24 * 3600)


def membership_for_guardian(token):
    """The application a guardian's link is for; LinkError when the link is forged, expired or out of date."""
    try:
        data = signing.loads(token, salt=GUARDIAN_SALT, max_age=guardian_link_max_age())
    except signing.SignatureExpired as error:
        raise LinkError(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise LinkError(_("This link is not valid.")) from error
    membership = Membership.objects.select_related("assembly", "neighbourhood").filter(pk=data.get("m")).first()
    if membership is None or _application_key(membership) != data.get("k"):
        raise LinkError(_("This link is for an application that no longer exists."))
    return membership


def assembly_in(assembly, language):
    """The assembly's page in `language` when it is translated and live, else the page itself."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    found = assembly.get_translation_or_none(locale) if locale else None
    return found if found is not None and found.live else assembly


def ask_guardian(membership):
    """E-mail the parent or guardian the link with which they confirm the child's application."""
    with translation.override(membership.language):
        path = reverse("assemblies:guardian", args=[guardian_token(membership)])
    send_templated_email(
        "assemblies/email/guardian_request",
        [membership.guardian_email],
        {
            "membership": membership,
            "assembly": assembly_in(membership.assembly, membership.language),
            "confirm_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "days": GUARDIAN_LINK_DAYS,
        },
        language=membership.language,
    )
    Membership.objects.filter(pk=membership.pk).update(guardian_asked_at=timezone.now())


def confirm_guardian(membership):
    """The guardian agrees through their link; once only. Returns False when it was already confirmed."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.guardian_consent_at is not None:
            return False
        if locked.state != State.APPLIED:
            raise MembershipError(_("This application is no longer waiting for a decision."))
        locked.guardian_consent_at, locked.guardian_consent_via = timezone.now(), GuardianConsent.EMAIL
        locked.save(update_fields=["guardian_consent_at", "guardian_consent_via"])
    membership.refresh_from_db()
    return True


def record_paper_consent(membership, actor, note):
    """A coordinator records a consent the guardian signed on paper; the note says where the form is kept."""
    note = (note or "").strip()
    if not note:
        raise MembershipError(_("Write where the signed form is kept, or how the consent was given."))
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.guardian_consent_at is not None:
            raise MembershipError(_("The parent or guardian has already confirmed."))
        locked.guardian_consent_at, locked.guardian_consent_via = timezone.now(), GuardianConsent.PAPER
        locked.guardian_consent_note, locked.guardian_consent_recorded_by = note, actor
        locked.save(
            update_fields=[
                "guardian_consent_at",
                "guardian_consent_via",
                "guardian_consent_note",
                "guardian_consent_recorded_by",
            ]
        )
    membership.refresh_from_db()
    return membership


def approve(membership, actor):
    return _move(membership, "approve", actor)


def reject(membership, actor, reason):
    return _move(membership, "reject", actor, reason)


def suspend(membership, actor, reason):
    return _move(membership, "suspend", actor, reason)


def leave(membership, actor):
    return _move(membership, "leave", actor)


def _move(membership, action, actor, reason=""):
    allowed_from, to_state, email = TRANSITIONS[action]
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise MembershipError(_("Please give a reason; it is sent to the applicant."))
    with transaction.atomic():
        # Lock the row so two coordinators deciding at once cannot both win.
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.state not in allowed_from:
            raise MembershipError(
                _("This membership is “%(state)s”, so it cannot be changed this way.")
                % {"state": locked.get_state_display()}
            )
        if action == "approve" and locked.state == State.APPLIED and locked.awaits_guardian:
            raise MembershipError(
                _("The parent or guardian has not confirmed yet; record a paper consent to approve without it.")
            )
        previous = locked.state
        locked.state, locked.state_reason, locked.decided_at = to_state, reason, timezone.now()
        locked.save(update_fields=["state", "state_reason", "decided_at"])
        MembershipEvent.objects.create(
            membership=locked, actor=actor, from_state=previous, to_state=to_state, reason=reason
        )
    membership.refresh_from_db()
    _notify(membership, email)
    return membership


def _notify(membership, event):
    send_templated_email(
        f"assemblies/email/{event}",
        [membership.email],
        {"membership": membership, "assembly": membership.assembly, "my_assemblies_url": _absolute("assemblies:mine")},
        language=membership.language,
    )


def _notify_coordinators(membership):
    coordination = getattr(membership.assembly, "coordinator_group", None)
    if coordination is None:
        return
    recipients = coordination.group.user_set.filter(is_active=True).values_list("email", flat=True)
    send_templated_email(
        "assemblies/email/new_application",
        list(recipients),
        {"membership": membership, "assembly": membership.assembly, "admin_url": _absolute_admin(membership)},
        language="tr",
    )


def _absolute(url_name, query=""):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name) + query


def _absolute_admin(membership):
    return _absolute("members:pending", f"?assembly={membership.assembly_id}")
