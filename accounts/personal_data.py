"""Everything the portal holds on a person, for KVKK's right of access and erasure.

Each app that stores personal data registers a section here (in its
AppConfig.ready()): an exporter that returns plain JSON-ready data, and an eraser
that deletes or anonymises what must not outlive the account.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable  # user -> JSON-ready data
    erase: Callable | None = None  # user -> None; runs before the account is deleted


_sections: dict[str, Section] = {}
# Links other apps add to the account page: (label, url name), e.g. "My assemblies".
account_links: list[tuple] = []


def register(section):
    _sections[section.name] = section


def export(user):
    return {name: section.export(user) for name, section in _sections.items()}


@transaction.atomic
def erase(user):
    """Run every section's eraser, then delete the account and what hangs off it."""
    for section in _sections.values():
        if section.erase:
            section.erase(user)
    user.delete()


def _account(user):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "birth_date": user.birth_date.isoformat() if user.birth_date else None,
        "gender": user.get_gender_display() if user.gender else None,
        "neighbourhood": user.neighbourhood.name if user.neighbourhood else None,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _email_addresses(user):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in user.emailaddress_set.order_by("email")
    ]


def _consents(user):
    return [
        {
            "kind": consent.kind,
            "document": consent.document_title,
            "address": consent.document_url,
            "version": consent.version,
            "given_at": consent.given_at.isoformat(),
            "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        }
        for consent in user.consents.order_by("given_at", "pk")
    ]


def register_account_sections():
    register(Section("account", _account))
    register(Section("email_addresses", _email_addresses))
    register(Section("consents", _consents))
