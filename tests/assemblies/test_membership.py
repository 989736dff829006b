import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from assemblies import membership as workflow
from assemblies.models import Membership, MembershipEvent
from tests.assemblies.conftest import years_ago
from tests.factories import MembershipFactory, UserFactory

DETAILS = {"connection": "lives", "accessibility_needs": ["wheelchair"]}


def subjects():
    return [message.subject for message in mail.outbox]


@pytest.mark.django_db
def test_applying_records_the_application_and_tells_applicant_and_coordinators(assemblies, coordinator, woman):
    membership = workflow.apply(woman, assemblies["kadin"], DETAILS)
    assert membership.state == Membership.State.APPLIED
    assert (membership.full_name, membership.email, membership.neighbourhood.name) == (
        "Ayşe Yılmaz",
        woman.email,
        "Çakmak",
    )
    assert membership.accessibility_needs == ["wheelchair"]
    assert list(membership.events.values_list("from_state", "to_state")) == [("", "applied")]
    to = {message.to[0]: message for message in mail.outbox}
    assert "Kadın Meclisi başvurunuzu aldık" in to[woman.email].subject
    assert "Kadın Meclisi için yeni başvuru" in to[coordinator.email].subject
    assert "Ayşe" not in to[coordinator.email].body  # the notice names no applicant


@pytest.mark.django_db
def test_approval_and_rejection_are_emailed_with_the_reason(assemblies, coordinator, woman):
    membership = workflow.apply(woman, assemblies["kadin"], DETAILS)
    mail.outbox.clear()
    workflow.approve(membership, coordinator)
    assert membership.state == Membership.State.APPROVED and membership.decided_at
    assert subjects() == ["[Ümraniye Kent Konseyi] Kadın Meclisi: hoş geldiniz"]

    other = workflow.apply(UserFactory(birth_date=years_ago(30), gender="female"), assemblies["kadin"], DETAILS)
    with pytest.raises(workflow.MembershipError):
        workflow.reject(other, coordinator, "  ")
    mail.outbox.clear()
    workflow.reject(other, coordinator, "Kontenjan doldu.")
    assert other.state_reason == "Kontenjan doldu."
    assert "Kontenjan doldu." in mail.outbox[0].body


@pytest.mark.django_db
def test_the_whole_life_of_a_membership(assemblies, coordinator, woman):
    membership = workflow.apply(woman, assemblies["kadin"], DETAILS)
    workflow.approve(membership, coordinator)
    workflow.suspend(membership, coordinator, "Üst üste üç toplantıya katılmadı.")
    workflow.approve(membership, coordinator)
    workflow.leave(membership, woman)
    again = workflow.apply(woman, assemblies["kadin"], DETAILS)
    assert again.pk == membership.pk and again.state == Membership.State.APPLIED
    steps = list(MembershipEvent.objects.filter(membership=membership).values_list("from_state", "to_state"))
    assert steps == [
        ("", "applied"),
        ("applied", "approved"),
        ("approved", "suspended"),
        ("suspended", "approved"),
        ("approved", "left"),
        ("left", "applied"),
    ]
    assert len(mail.outbox) == 2 + 4 + 2  # applied (+coordinators), four decisions, applied again (+coordinators)


@pytest.mark.django_db
def test_impossible_steps_are_refused_with_a_message(assemblies, coordinator, woman):
    membership = workflow.apply(woman, assemblies["kadin"], DETAILS)
    workflow.reject(membership, coordinator, "Eksik bilgi.")
    with pytest.raises(workflow.MembershipError, match="Reddedildi"):
        workflow.approve(membership, coordinator)
    with pytest.raises(workflow.MembershipError, match="zaten başvurdunuz"):
        workflow.apply(woman, assemblies["kadin"], DETAILS) and workflow.apply(woman, assemblies["kadin"], DETAILS)


@pytest.mark.django_db
def test_an_ineligible_person_cannot_apply_even_bypassing_the_page(assemblies, woman):
    with pytest.raises(workflow.NotEligible) as refused:
        workflow.apply(woman, assemblies["genclik"], DETAILS)
    assert "en çok 30" in str(refused.value)
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_second_membership_of_the_same_person(assemblies, woman):
    MembershipFactory(assembly=assemblies["kadin"], user=woman)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(assembly=assemblies["kadin"], user=woman)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(assembly=assemblies["kadin"], email="AYNI@example.org")
        MembershipFactory(assembly=assemblies["kadin"], email="ayni@example.org")
    MembershipFactory(assembly=assemblies["engelli"], user=woman)  # another assembly is fine
    assert Membership.objects.count() == 2


@pytest.mark.django_db
def test_a_childs_application_keeps_the_guardian_and_waits_for_their_consent(assemblies):
    child = UserFactory(first_name="Ela", birth_date=years_ago(11), gender="female")
    details = {
        "connection": "studies",
        "workplace_or_school": "Ümraniye Ortaokulu",
        "guardian_name": "Derya Yıldız",
        "guardian_relationship": "Anne",
        "guardian_phone": "0533 222 33 44",
        "guardian_email": "derya@example.org",
        "guardian_consent": True,  # a box the child ticked is not the guardian's consent
    }
    membership = workflow.apply(child, assemblies["cocuk"], details)
    assert membership.is_minor
    assert membership.guardian_name == "Derya Yıldız" and membership.guardian_consent_at is None
    assert membership.awaits_guardian


@pytest.mark.django_db
def test_memberships_are_in_the_data_download_and_go_with_the_account(client, assemblies, woman):
    import io
    import json

    from django.core.management import call_command

    from tests.factories import PASSWORD

    workflow.apply(woman, assemblies["kadin"], {"connection": "lives", "note": "Gönüllü olmak istiyorum."})
    client.force_login(woman)
    data = json.loads(client.get("/accounts/profile/data/").content)
    [entry] = data["assembly_memberships"]
    assert entry["assembly"] == "Kadın Meclisi" and entry["state"] == "Karar bekliyor"
    assert entry["note"] == "Gönüllü olmak istiyorum."
    assert 'href="/accounts/assemblies/"' in client.get("/accounts/profile/").content.decode()

    client.post("/accounts/profile/delete/", {"password": PASSWORD, "confirm": "on"})
    dump = io.StringIO()
    call_command("dumpdata", "assemblies", stdout=dump)
    assert "Gönüllü olmak istiyorum." not in dump.getvalue()
    assert woman.email not in dump.getvalue()


@pytest.mark.django_db
def test_emails_write_names_as_they_are_not_as_html(assemblies):
    person = UserFactory(first_name="Zeynep", last_name="D'Souza & Kaya", birth_date=years_ago(30))
    workflow.apply(person, assemblies["engelli"], {"connection": "lives"})
    assert "Zeynep D'Souza & Kaya" in mail.outbox[0].body
