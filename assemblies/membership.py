"""The life of a membership: applying, the coordinators' decisions, leaving.

Views, the admin and the roster import all go through these functions, so every
step is checked, recorded in the membership's history and e-mailed.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_templated_email
from assemblies import eligibility
from assemblies.models import Membership, MembershipEvent

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
    if verdict.needs_guardian and details.get("guardian_consent"):
        fields["guardian_consent_at"] = timezone.now()
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
    _notify_coordinators(membership)
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
