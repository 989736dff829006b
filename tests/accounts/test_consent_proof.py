"""Proof of consent outlives the account it was given from, without naming anyone."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.consent import record_consents
from accounts.models import Consent, ConsentProof
from operations import retention
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def person(user, kvkk_pages):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    notice, consent = kvkk_pages
    record_consents(user, [(Consent.Kind.PRIVACY_NOTICE, notice), (Consent.Kind.EXPLICIT_CONSENT, consent)])
    user.consents.filter(kind=Consent.Kind.EXPLICIT_CONSENT).update(withdrawn_at=timezone.now())
    return user


def erase(client, person):
    client.force_login(person)
    assert client.post("/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"}).status_code == 302


@pytest.mark.django_db
def test_erasing_an_account_keeps_a_pseudonymised_proof_of_each_consent(client, person):
    given = {
        consent.kind: (
            consent.document_title,
            consent.version,
            consent.revision_id,
            consent.given_at,
            consent.withdrawn_at,
        )
        for consent in person.consents.all()
    }
    email = person.email

    erase(client, person)

    proofs = {
        proof.kind: (proof.document_title, proof.version, proof.revision_id, proof.given_at, proof.withdrawn_at)
        for proof in ConsentProof.objects.all()
    }
    assert proofs == given
    assert all(revision for _title, _version, revision, _given, _withdrawn in proofs.values())
    # No name, address or account: only the keyed hash the controller can recompute from the address.
    assert set(ConsentProof.objects.values_list("subject", flat=True)) == {ConsentProof.subject_for(email)}
    assert email not in str(list(ConsentProof.objects.values()))
    assert ConsentProof.subject_for(" " + email.upper()) == ConsentProof.subject_for(email)
    assert ConsentProof.subject_for("baska@example.com") != ConsentProof.subject_for(email)


@pytest.mark.django_db
def test_superusers_read_the_proofs_and_find_them_by_address_nobody_edits_them(client, person, other_user):
    email = person.email
    erase(client, person)
    proof = ConsentProof.objects.first()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    listing = client.get("/admin/consent_proofs/")
    assert listing.status_code == 200 and proof.document_title in listing.content.decode()
    assert client.get(f"/admin/consent_proofs/inspect/{proof.pk}/").status_code == 200
    found = client.get("/admin/consent_proofs/", {"q": email}).context["object_list"]
    assert {item.pk for item in found} == set(ConsentProof.objects.values_list("pk", flat=True))
    assert not client.get("/admin/consent_proofs/", {"q": other_user.email}).context["object_list"]
    for url in [
        "/admin/consent_proofs/new/",
        f"/admin/consent_proofs/edit/{proof.pk}/",
        f"/admin/consent_proofs/delete/{proof.pk}/",
    ]:
        assert client.get(url).status_code in (302, 403, 404), url
    assert ConsentProof.objects.filter(pk=proof.pk).exists()

    # Staff with admin access but no permission on the proofs do not see them.
    editor = UserFactory(is_staff=True)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get("/admin/consent_proofs/").status_code in (302, 403)


@pytest.mark.django_db
def test_proofs_are_deleted_when_their_retention_period_ends(client, person, settings):
    erase(client, person)
    now = timezone.now()
    old, recent = ConsentProof.objects.order_by("pk")
    ConsentProof.objects.filter(pk=old.pk).update(erased_at=now - datetime.timedelta(days=3651))
    ConsentProof.objects.filter(pk=recent.pk).update(erased_at=now - datetime.timedelta(days=3649))

    dry = retention.apply(dry_run=True, now=now)
    assert dry.counts["consent_proofs"] == 1
    assert ConsentProof.objects.count() == 2

    assert retention.apply(now=now).counts["consent_proofs"] == 1
    assert list(ConsentProof.objects.values_list("pk", flat=True)) == [recent.pk]
    assert retention.apply(now=now).counts["consent_proofs"] == 0

    settings.RETENTION_CONSENT_PROOF_DAYS = 30
    assert retention.apply(dry_run=True, now=now).counts["consent_proofs"] == 1


def test_the_proofs_stay_findable_after_the_secret_key_changes_when_the_old_key_is_kept(settings):
    settings.CONSENT_PROOF_KEY = ""
    before = ConsentProof.subject_for("ayse@example.com")
    old_key, settings.SECRET_KEY = settings.SECRET_KEY, "a-new-secret-key-" + "x" * 40
    assert ConsentProof.subject_for("ayse@example.com") != before
    settings.CONSENT_PROOF_KEY = old_key
    assert ConsentProof.subject_for("ayse@example.com") == before


@pytest.mark.django_db
def test_the_proofs_screen_says_what_it_holds_and_how_to_find_a_persons(client, person):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    empty = client.get("/admin/consent_proofs/").content.decode()
    # Not Wagtail's bare "Gösterilecek hiçbir onay kanıtları yok.": what is here, and what to type in the search.
    assert "Gösterilecek hiçbir" not in empty
    assert "silinen hesapların" in empty and "e-posta adresini" in empty
    assert "Henüz silinmiş bir hesap yok" in empty
    assert (
        "Bu e-posta adresiyle silinmiş bir hesabın onay kanıtı yok."
        in client.get("/admin/consent_proofs/", {"q": "kimse@example.org"}).content.decode()
    )
