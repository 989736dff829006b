"""Assemblies' retention: guardians of ended memberships first, then the memberships, and stale roster uploads."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from assemblies.models import Membership, MembershipEvent, RosterImport
from operations import retention
from tests.factories import MembershipFactory

NOW = timezone.now()
RULES = ("guardian_details", "ended_memberships", "roster_uploads")


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def counts(dry_run=False):
    report = retention.apply(dry_run=dry_run, now=NOW)
    return {name: report.counts[name] for name in RULES}


def member(assembly, state, decided_days_ago, guardian=True):
    found = MembershipFactory(
        assembly=assembly,
        state=state,
        applied_at=days_ago(decided_days_ago + 10),
        decided_at=days_ago(decided_days_ago),
        guardian_name="Veli Kişi" if guardian else "",
        guardian_relationship="Annesi" if guardian else "",
        guardian_phone="0532 555 44 33" if guardian else "",
        guardian_email="veli@example.com" if guardian else "",
        guardian_consent_at=days_ago(decided_days_ago + 10) if guardian else None,
    )
    MembershipEvent.objects.create(membership=found, to_state=state, at=days_ago(decided_days_ago))
    return found


def upload(assembly, status, finished_days_ago, problems=(), with_file=True):
    found = RosterImport.objects.create(
        assembly=assembly,
        original_name="liste.xlsx",
        status=status,
        finished_at=days_ago(finished_days_ago),
        problems=list(problems),
    )
    if with_file:
        found.file.save("liste.xlsx", ContentFile(b"Ad Soyad\nAyse Yilmaz\n"))
    return found


@pytest.fixture
def records(assembly):
    problem = [{"line": 3, "name": "Ayşe Yılmaz", "kind": "error", "reason": "Telefon eksik"}]
    return {
        "rejected_long_ago": member(assembly, Membership.State.REJECTED, 400),
        "left_a_while_ago": member(assembly, Membership.State.LEFT, 60),
        "left_yesterday": member(assembly, Membership.State.LEFT, 1),
        "member": member(assembly, Membership.State.APPROVED, 900),
        "checked_and_left": upload(assembly, RosterImport.Status.CHECKED, 40, problem),
        "checked_yesterday": upload(assembly, RosterImport.Status.CHECKED, 1, problem),
        "imported": upload(assembly, RosterImport.Status.DONE, 40, problem, with_file=False),
    }


def test_a_dry_run_counts_and_changes_nothing(records):
    before = list(Membership.objects.order_by("pk").values()), list(RosterImport.objects.order_by("pk").values())

    assert counts(dry_run=True) == {"guardian_details": 2, "ended_memberships": 1, "roster_uploads": 2}
    assert (list(Membership.objects.order_by("pk").values()), list(RosterImport.objects.order_by("pk").values())) == (
        before
    )


def test_guardians_go_first_then_the_ended_memberships_and_a_second_run_finds_nothing(records):
    storage = records["checked_and_left"].file.storage
    stale_file = records["checked_and_left"].file.name

    assert counts() == {"guardian_details": 2, "ended_memberships": 1, "roster_uploads": 2}

    assert not Membership.objects.filter(pk=records["rejected_long_ago"].pk).exists()
    assert not MembershipEvent.objects.filter(membership_id=records["rejected_long_ago"].pk).exists()
    left = Membership.objects.get(pk=records["left_a_while_ago"].pk)
    assert (left.guardian_name, left.guardian_relationship, left.guardian_phone, left.guardian_email) == ("",) * 4
    assert left.guardian_consent_at is not None and left.full_name  # the consent's date stays; the rest, for now
    for key in ("left_yesterday", "member"):
        assert Membership.objects.get(pk=records[key].pk).guardian_name == "Veli Kişi", key

    assert not RosterImport.objects.filter(pk=records["checked_and_left"].pk).exists()
    assert not storage.exists(stale_file)
    assert RosterImport.objects.get(pk=records["checked_yesterday"].pk).problems
    imported = RosterImport.objects.get(pk=records["imported"].pk)
    assert imported.problems == [] and imported.imported_count == 0

    assert counts() == dict.fromkeys(RULES, 0)
