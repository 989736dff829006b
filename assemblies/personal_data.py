"""KVKK rights for members: what is kept about a membership, its download and its erasure.

Members with an account use the account's data download and deletion (accounts.personal_data,
which calls `export` and `erase` here). Members imported from a paper roster have no account: they
ask for a link at the address on their record (`send_link`), which lets them download or erase
their memberships; a coordinator erases the record of someone without an e-mail address.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from accounts.mail import send_templated_email
from assemblies.models import DataErasure, Membership

LINK_HOURS = 24
LINK_SALT = "assemblies.member-data"


class LinkError(Exception):
    """A data link that is forged or expired; the message says which, for people."""


def export(memberships):
    """The memberships as plain JSON-ready data, the same for the account download and the e-mailed link."""
    return [
        {
            "assembly": membership.assembly.title,
            "state": str(membership.get_state_display()),
            "reason": membership.state_reason,
            "applied_at": membership.applied_at.isoformat(),
            "decided_at": membership.decided_at.isoformat() if membership.decided_at else None,
            "source": str(membership.get_source_display()),
            "name": membership.full_name,
            "email": membership.email,
            "phone": membership.phone,
            "birth_date": membership.birth_date.isoformat() if membership.birth_date else None,
            "gender": str(membership.get_gender_display()) if membership.gender else None,
            "neighbourhood": membership.neighbourhood.name if membership.neighbourhood else None,
            "connection": str(membership.get_connection_display()) if membership.connection else None,
            "workplace_or_school": membership.workplace_or_school,
            "guardian": {
                "name": membership.guardian_name,
                "relationship": membership.guardian_relationship,
                "phone": membership.guardian_phone,
                "email": membership.guardian_email,
                "consent_at": membership.guardian_consent_at.isoformat() if membership.guardian_consent_at else None,
                "consent_given": str(membership.get_guardian_consent_via_display())
                if membership.guardian_consent_via
                else None,
            }
            if membership.guardian_name
            else None,
            "disability_declared": membership.disability_declared,
            "disability_note": membership.disability_note,
            "accessibility_needs": membership.get_accessibility_needs_display(),
            "accessibility_other": membership.accessibility_other,
            "note": membership.note,
        }
        for membership in memberships.select_related("assembly", "neighbourhood").order_by("assembly__path")
    ]


@transaction.atomic
def erase(memberships, actor, via, note=""):
    """Delete the memberships and their history, as deleting an account does, leaving a record of each
    erasure (assembly, when, by whom, how) that names nobody."""
    memberships = list(memberships.select_related("assembly"))
    DataErasure.objects.bulk_create(
        [DataErasure(assembly=membership.assembly, actor=actor, via=via, note=note) for membership in memberships]
    )
    Membership.objects.filter(pk__in=[membership.pk for membership in memberships]).delete()
    return len(memberships)


def roster_memberships(email):
    """The memberships with no account behind them that carry this e-mail address."""
    email = (email or "").strip().lower()
    if not email:
        return Membership.objects.none()
    return Membership.objects.filter(user__isnull=True, email=email)


def _email_key(email):
    return hashlib.sha256(email.encode()).hexdigest()[:24]


def token_for(email):
    """The signed link's token: the memberships it is for and a hash of the address, never the address
    itself (links end up in browser histories and server logs)."""
    email = email.strip().lower()
    pks = sorted(roster_memberships(email).values_list("pk", flat=True))
    return signing.dumps({"m": pks, "k": _email_key(email)}, salt=LINK_SALT)


def link_max_age():
    return getattr(settings, "MEMBER_DATA_LINK_MAX_AGE", LINK_HOURS * 3600)


def email_for(token):
    """The address a data link was sent to ("" when no membership of it is left); LinkError when the link
    is forged or expired."""
    from django.utils.translation import gettext as _

    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise LinkError(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise LinkError(_("This link is not valid.")) from error
    emails = Membership.objects.filter(pk__in=data.get("m") or [], user__isnull=True).values_list("email", flat=True)
    return next((email for email in emails if email and _email_key(email) == data.get("k")), "")


def send_link(email, language):
    """E-mail the data link to `email` if a roster member has it; say nothing either way (no enumeration)."""
    email = (email or "").strip().lower()
    memberships = roster_memberships(email)
    if not memberships.exists():
        return
    with translation.override(language):
        path = reverse("assemblies:member_data", args=[token_for(email)])
    send_templated_email(
        "assemblies/email/member_data",
        [email],
        {"data_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path, "hours": LINK_HOURS},
        language=language,
    )
