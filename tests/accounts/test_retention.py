"""The accounts' retention rules: expired sessions, addresses never confirmed, sign-ups never confirmed."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.models import Consent, ConsentProof, User
from operations import retention
from tests.factories import UserFactory

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=60)


def counts(dry_run=False):
    report = retention.apply(dry_run=dry_run, now=NOW)
    return {
        key: report.counts[key] for key in ("expired_sessions", "unverified_email_addresses", "unverified_accounts")
    }


def session(expires):
    store = SessionStore()
    store["seen"] = True
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=expires)
    return store.session_key


def signup(email, joined, verified=False, last_login=None):
    user = UserFactory(email=email, last_login=last_login)
    User.objects.filter(pk=user.pk).update(date_joined=joined)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def accounts(db):
    people = {
        "expired": session(NOW - datetime.timedelta(hours=1)),
        "live": session(NOW + datetime.timedelta(days=1)),
        "never_confirmed": signup("unuttu@example.com", LONG_AGO),
        "just_signed_up": signup("yeni@example.com", NOW - datetime.timedelta(days=2)),
        "confirmed": signup("uye@example.com", LONG_AGO, verified=True, last_login=LONG_AGO),
        "active": signup("aktif@example.com", LONG_AGO, verified=True, last_login=NOW - datetime.timedelta(days=1)),
        "grouped": signup("gorevli@example.com", LONG_AGO),
    }
    people["grouped"].groups.add(Group.objects.create(name="Kuryeler"))
    people["never_confirmed"].consents.create(kind=Consent.Kind.PRIVACY_NOTICE, document_title="KVKK", version="1")
    # A new address the member never confirmed, and the same on an account signed into yesterday.
    EmailAddress.objects.create(user=people["confirmed"], email="eski-yeni@example.com")
    EmailAddress.objects.create(user=people["active"], email="aktif-yeni@example.com")
    return people


def test_a_dry_run_counts_and_changes_nothing(accounts):
    before = (Session.objects.count(), EmailAddress.objects.count(), User.objects.count())

    assert counts(dry_run=True) == {"expired_sessions": 1, "unverified_email_addresses": 1, "unverified_accounts": 1}
    assert (Session.objects.count(), EmailAddress.objects.count(), User.objects.count()) == before


def test_only_what_outlived_its_period_goes_and_a_second_run_finds_nothing(accounts):
    assert counts() == {"expired_sessions": 1, "unverified_email_addresses": 1, "unverified_accounts": 1}

    assert list(Session.objects.values_list("pk", flat=True)) == [accounts["live"]]
    assert not User.objects.filter(email="unuttu@example.com").exists()
    # Erased like a deletion: the consent's proof stays, under a keyed hash of the address.
    assert ConsentProof.objects.get().subject == ConsentProof.subject_for("unuttu@example.com")
    for key in ("just_signed_up", "confirmed", "active", "grouped"):
        assert User.objects.filter(pk=accounts[key].pk).exists(), key
    assert not EmailAddress.objects.filter(email="eski-yeni@example.com").exists()
    assert EmailAddress.objects.filter(email="aktif-yeni@example.com").exists()
    assert EmailAddress.objects.filter(email="uye@example.com", verified=True).exists()

    assert counts() == {"expired_sessions": 0, "unverified_email_addresses": 0, "unverified_accounts": 0}


def test_an_account_made_by_staff_without_any_address_is_not_a_sign_up(accounts):
    courier = UserFactory(email="kurye@example.com")
    User.objects.filter(pk=courier.pk).update(date_joined=LONG_AGO)
    retention.apply(now=NOW)
    assert User.objects.filter(pk=courier.pk).exists()
