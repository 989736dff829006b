"""Retention of the accounts' own data (KVKK, Law 6698 art. 7): registered in AccountsConfig.ready().

- expired sessions: a signed-in browser's session row is useless once it expired (Django only
  deletes them on `clearsessions`); with the cache session engine of production the table stays empty;
- e-mail addresses added to an account and never confirmed: `RETENTION_UNVERIFIED_EMAIL_DAYS`;
- accounts that signed up and never confirmed their only address (so never signed in): erased like
  a self-service deletion after the same period, consent proofs kept;
- consent proofs of erased accounts (accounts.models.ConsentProof): `RETENTION_CONSENT_PROOF_DAYS`.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef

from accounts import personal_data
from accounts.models import ConsentProof

DEFAULT_SESSION_DAYS = 0
DEFAULT_UNVERIFIED_EMAIL_DAYS = 30
# Ten years: the general limitation period (Turkish Code of Obligations, art. 146) within which a claim that
# data was processed without consent may still be brought, and the proof be needed.
DEFAULT_CONSENT_PROOF_DAYS = 3650


def due_sessions(cutoff):
    return Session.objects.filter(expire_date__lt=cutoff)


def delete_sessions(cutoff, now, size):
    return {"expired_sessions": personal_data.delete_in_batches(due_sessions(cutoff), size)}


def due_addresses(cutoff):
    """Unconfirmed addresses of accounts that can sign in with another, confirmed one, left alone since `cutoff`.

    allauth keeps no date on an address. One can only be added while signed in, so it is at most a
    session's length younger than the account's last sign-in: an account not signed into since
    `cutoff` less a session's length had it unconfirmed for the whole period.
    """
    since = cutoff - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    confirmed = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    return EmailAddress.objects.filter(Exists(confirmed), verified=False, primary=False, user__last_login__lt=since)


def delete_addresses(cutoff, now, size):
    return {"unverified_email_addresses": personal_data.delete_in_batches(due_addresses(cutoff), size)}


def due_accounts(cutoff):
    """Accounts that signed up before `cutoff` and never confirmed an address, so never signed in.

    Only sign-ups: an account with no address on record at all (made by staff or a command) is not one,
    nor staff, nor anyone given a group.
    """
    user_model = get_user_model()
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    groups = user_model.groups.through.objects.filter(user=OuterRef("pk"))
    return user_model.objects.filter(
        Exists(addresses),
        ~Exists(addresses.filter(verified=True)),
        ~Exists(groups),
        last_login__isnull=True,
        date_joined__lt=cutoff,
        is_staff=False,
        is_superuser=False,
    )


def erase_accounts(cutoff, now, size):
    erased = 0
    for batch in personal_data.locked_batches(due_accounts(cutoff), ["pk", "email"], size):
        for user in batch:
            personal_data.erase(user)
        erased += len(batch)
    return {"unverified_accounts": erased}


def due_proofs(cutoff):
    return ConsentProof.objects.filter(erased_at__lt=cutoff)


def delete_proofs(cutoff, now, size):
    return {"consent_proofs": personal_data.delete_in_batches(due_proofs(cutoff), size)}


RULES = [
    personal_data.RetentionRule(
        name="expired_sessions",
        app="accounts",
        what="sign-in sessions, from their expiry: deleted",
        setting="RETENTION_SESSION_DAYS",
        default_days=DEFAULT_SESSION_DAYS,
        due=due_sessions,
        apply=delete_sessions,
    ),
    personal_data.RetentionRule(
        name="unverified_email_addresses",
        app="accounts",
        what="e-mail addresses added and never confirmed, from the last sign-in: deleted",
        setting="RETENTION_UNVERIFIED_EMAIL_DAYS",
        default_days=DEFAULT_UNVERIFIED_EMAIL_DAYS,
        due=due_addresses,
        apply=delete_addresses,
    ),
    personal_data.RetentionRule(
        name="unverified_accounts",
        app="accounts",
        what="sign-ups never confirmed nor signed into, from sign-up: erased (consent proofs kept)",
        setting="RETENTION_UNVERIFIED_EMAIL_DAYS",
        default_days=DEFAULT_UNVERIFIED_EMAIL_DAYS,
        due=due_accounts,
        apply=erase_accounts,
    ),
    personal_data.RetentionRule(
        name="consent_proofs",
        app="accounts",
        what="pseudonymised proofs of erased accounts' consents, from the erasure: deleted",
        setting="RETENTION_CONSENT_PROOF_DAYS",
        default_days=DEFAULT_CONSENT_PROOF_DAYS,
        due=due_proofs,
        apply=delete_proofs,
    ),
]
