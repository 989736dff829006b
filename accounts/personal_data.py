"""Everything the portal holds on a person, for KVKK's right of access and erasure, and how long it is kept.

Each app that stores personal data registers here (in its AppConfig.ready()):

- a section: an exporter that returns plain JSON-ready data, and an eraser that deletes or
  anonymises what must not outlive the account;
- its retention rules (KVKK art. 7: what has served its purpose is deleted or anonymised): what
  is kept, for how long (a setting with a default), which records are due at a given time and how
  they are deleted or anonymised. operations/retention.py runs every registered rule each night;
  the README's data-protection table names each rule.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable  # user -> JSON-ready data
    erase: Callable | None = None  # user -> None; runs before the account is deleted


_sections: dict[str, Section] = {}
# Links other apps add to the account page: (label, url name), e.g. "My assemblies".
account_links: list[tuple] = []
# Links the KVKK information notice shows to people whose data the portal holds without an account
# (e.g. members from a paper roster): (label, url name).
no_account_links: list[tuple] = []


def register(section):
    _sections[section.name] = section


@dataclass(frozen=True)
class RetentionRule:
    """One kind of personal data, how long it is kept and what happens to it then.

    `due(cutoff)` is the query set of records whose period ended before `cutoff` and that are not
    dealt with yet (so a second run finds nothing); `apply(cutoff, now, batch_size)` deletes or
    anonymises them, a batch at a time, each batch in its own transaction (see `locked_batches`),
    and returns the counts of what it touched, its own `name` among them. `details(cutoff)` may add
    figures to a dry run (e.g. the photos of the due cases), `oldest(cutoff)` the earliest end of use
    among the due records.
    """

    name: str  # unique; named in the README's table
    app: str
    what: str  # what is kept and what happens after, one line (the command's report)
    setting: str  # the RETENTION_* setting that holds the period in days
    default_days: int
    due: Callable
    apply: Callable
    details: Callable | None = None
    oldest: Callable | None = None
    labels: dict = field(default_factory=dict)  # detail figure -> what it counts

    @property
    def days(self):
        return int(getattr(settings, self.setting, self.default_days))

    def cutoff(self, now):
        return now - datetime.timedelta(days=self.days)


@dataclass(frozen=True)
class ConsentUse:
    """Something done only on a person's consent of `kind`, and how it stops when they withdraw that consent.

    `label` is what the person reads on their account page; `stop(user)` ends it for them (removes what was
    kept on that consent alone) and returns how many records it changed.
    """

    kind: str
    name: str
    label: object
    stop: Callable


_consent_uses: dict[str, ConsentUse] = {}


def register_consent_use(use):
    _consent_uses[use.name] = use


def consent_uses(kind):
    return [use for use in _consent_uses.values() if use.kind == kind]


def has_withdrawn(user, kind):
    """Whether `user` withdrew their consent of `kind` and has not given it again."""
    consents = user.consents.filter(kind=kind)
    return consents.filter(withdrawn_at__isnull=False).exists() and not consents.filter(withdrawn_at=None).exists()


@transaction.atomic
def withdraw(consent, now=None):
    """Withdraw `consent` (dated, kept as a record) and stop everything done on it alone; returns what stopped."""
    consent.withdrawn_at = now or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    if not has_withdrawn(consent.user, consent.kind):
        return []  # another consent of the same kind, given later, still stands
    uses = consent_uses(consent.kind)
    for use in uses:
        use.stop(consent.user)
    return uses


_retention_rules: dict[str, RetentionRule] = {}


def register_retention(rule):
    _retention_rules[rule.name] = rule


def retention_rules():
    """Every registered rule, in the order the apps registered them."""
    return list(_retention_rules.values())


def locked_batches(queryset, fields, size):
    """`queryset` in batches of `size` rows, each locked in its own transaction while the caller works on it.

    Rows another worker holds are skipped (taken by the next run), so memory stays bounded on any number of rows.
    """
    last_pk = None
    while True:
        with transaction.atomic():
            rows = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            batch = list(rows.order_by("pk").select_for_update(skip_locked=True, of=("self",)).only(*fields)[:size])
            if not batch:
                return
            last_pk = batch[-1].pk
            yield batch


def delete_in_batches(queryset, size):
    """Delete the rows of `queryset` in locked batches (`locked_batches`); how many were deleted."""
    done = 0
    for batch in locked_batches(queryset, ["pk"], size):
        queryset.model.objects.filter(pk__in=[row.pk for row in batch]).delete()
        done += len(batch)
    return done


def update_in_batches(queryset, size, **values):
    """Set `values` on the rows of `queryset` in locked batches; how many were changed."""
    done = 0
    for batch in locked_batches(queryset, ["pk"], size):
        done += queryset.model.objects.filter(pk__in=[row.pk for row in batch]).update(**values)
    return done


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
            "kind_name": str(consent.get_kind_display()),  # in the person's language, beside the stable key
            "document": consent.document_title,
            "address": consent.document_url,
            "version": consent.version,
            "given_at": consent.given_at.isoformat(),
            "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        }
        for consent in user.consents.order_by("given_at", "pk")
    ]


def _keep_consent_proofs(user):
    """The consents go with the account; a pseudonymised proof of each stays (accounts.models.ConsentProof)."""
    from accounts.models import ConsentProof

    ConsentProof.keep_for(user)


def register_account_sections():
    register(Section("account", _account))
    register(Section("email_addresses", _email_addresses))
    register(Section("consents", _consents, _keep_consent_proofs))
