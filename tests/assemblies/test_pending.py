"""Bekleyen başvurular: the coordinators' queue of applications, apart from the members list."""

import csv
import io

import pytest
from django.core import mail
from django.utils import timezone

from assemblies.models import Membership
from tests.factories import MembershipFactory

QUEUE = "/admin/members/pending/"


def queued_names(response):
    return [membership.full_name for membership in response.context["applications"]]


@pytest.fixture
def applications(assemblies):
    now = timezone.now()
    return {
        "newer": MembershipFactory(
            assembly=assemblies["kadin"], full_name="Nermin Aksoy", applied_at=now - timezone.timedelta(days=1)
        ),
        "older": MembershipFactory(
            assembly=assemblies["kadin"], full_name="Sevgi Kara", applied_at=now - timezone.timedelta(days=9)
        ),
        "member": MembershipFactory(assembly=assemblies["kadin"], full_name="Gülay Erdem", state="approved"),
        "other": MembershipFactory(assembly=assemblies["genclik"], full_name="Burak Şen"),
    }


@pytest.mark.django_db
def test_the_queue_lists_only_the_own_assemblys_applications_oldest_first(
    client, applications, coordinator, other_coordinator
):
    client.force_login(coordinator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert queued_names(response) == ["Sevgi Kara", "Nermin Aksoy"]
    assert "Burak Şen" not in response.content.decode()
    client.force_login(other_coordinator)
    assert queued_names(client.get(QUEUE)) == ["Burak Şen"]


@pytest.mark.django_db
def test_the_members_list_holds_no_pending_application(client, applications, coordinator):
    client.force_login(coordinator)
    listed = {membership.full_name for membership in client.get("/admin/members/").context["object_list"]}
    assert listed == {"Gülay Erdem"}


@pytest.mark.django_db
def test_approving_several_at_once_emails_each_and_puts_them_in_the_roster_export(client, applications, coordinator):
    client.force_login(coordinator)
    ids = [applications["newer"].pk, applications["older"].pk, applications["other"].pk]
    response = client.post(QUEUE, {"action": "approve", "ids": ids})
    assert response.status_code == 302
    states = dict(Membership.objects.values_list("full_name", "state"))
    assert states["Nermin Aksoy"] == states["Sevgi Kara"] == "approved"
    assert states["Burak Şen"] == "applied"  # another assembly's application is not in this queue
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [applications["newer"].email, applications["older"].email]
    )
    export = b"".join(client.get("/admin/members/?export=csv").streaming_content).decode("utf-8-sig")
    assert {row["Ad Soyad"] for row in csv.DictReader(io.StringIO(export))} == {
        "Nermin Aksoy",
        "Sevgi Kara",
        "Gülay Erdem",
    }
    assert queued_names(client.get(QUEUE)) == []


@pytest.mark.django_db
def test_rejecting_from_the_queue_needs_a_reason_which_the_applicant_gets(client, applications, coordinator):
    client.force_login(coordinator)
    applicant = applications["older"]
    response = client.post(QUEUE, {"action": "reject", "ids": [applicant.pk], "reason": " "})
    assert response.status_code == 200
    assert "gerekçe" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.state == "applied"
    client.post(QUEUE, {"action": "reject", "ids": [applicant.pk], "reason": "Kontenjan doldu."})
    applicant.refresh_from_db()
    assert (applicant.state, applicant.state_reason) == ("rejected", "Kontenjan doldu.")
    assert "Kontenjan doldu." in mail.outbox[-1].body


@pytest.mark.django_db
def test_a_citizen_has_no_queue(client, applications, woman):
    client.force_login(woman)
    assert client.get(QUEUE).status_code in (302, 403)


@pytest.mark.django_db
def test_the_queue_counts_its_queries(client, assemblies, coordinator, django_assert_max_num_queries):
    MembershipFactory.create_batch(40, assembly=assemblies["kadin"])
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(QUEUE)
    assert len(queued_names(response)) == 40


@pytest.mark.django_db
def test_the_new_application_email_leads_to_the_queue(client, assemblies, coordinator, woman):
    from assemblies import membership as workflow

    workflow.apply(woman, assemblies["kadin"], {"connection": "lives"})
    to_coordinator = next(message for message in mail.outbox if message.to == [coordinator.email])
    assert f"/admin/members/pending/?assembly={assemblies['kadin'].pk}" in to_coordinator.body
