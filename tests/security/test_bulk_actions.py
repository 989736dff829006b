"""Wagtail's bulk-action pages keep to what each staff member may see (issue 16).

They fetched any object by id for any staff login and listed the ones the user could not act on by
name: a courier read the children's assembly members, directorates read citizens' phones and e-mails.
"""

import pytest

from assemblies.models import Membership
from complaints.models import ApiKey, Case, Notification
from distribution.models import Recipient


def bulk(app_model, action, *objects):
    return f"/admin/bulk/{app_model}/{action}/?next=/admin/&" + "&".join(f"id={found.pk}" for found in objects)


def page_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["delete", "approve_membership", "reject_membership"])
def test_a_courier_gets_no_page_of_assembly_members(client, world, action):
    status, text = page_of(client, world["roles"]["courier"], bulk("assemblies/membership", action, world["child"]))
    assert status == 403
    assert "Ela Yıldızhan" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["courier", "vet_staff", "kadin_coordinator", "editor"])
def test_notifications_are_not_listed_with_the_citizens_contact_details(client, world, role):
    notification = world["works_notification"]
    status, text = page_of(client, world["roles"][role], bulk("complaints/notification", "delete", notification))
    assert status == 403
    assert "asfalt@example.org" not in text
    assert "Asfalt Yolcuoğlu" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["vet_staff", "call_centre", "kadin_coordinator"])
def test_recipients_and_api_keys_are_not_listed_to_other_roles(client, world, role):
    user = world["roles"][role]
    status, text = page_of(client, user, bulk("distribution/recipient", "delete", world["recipient"]))
    assert status == 403
    assert "Yıldız Kültür Derneği" not in text
    status, text = page_of(client, user, bulk("complaints/apikey", "delete", world["api_key"]))
    assert status == 403
    assert "Beyaz Masa Gizli Ortak" not in text


@pytest.mark.django_db
def test_a_coordinator_sees_no_other_assemblys_members_in_a_bulk_decision(client, world):
    coordinator = world["roles"]["kadin_coordinator"]
    own, child = world["kadin_member"], world["child"]
    status, text = page_of(client, coordinator, bulk("assemblies/membership", "approve_membership", child))
    assert status == 404
    assert "Ela Yıldızhan" not in text
    status, text = page_of(client, coordinator, bulk("assemblies/membership", "approve_membership", own, child))
    assert status == 200
    assert "Gülay Erdemoğlu" in text
    assert "Ela Yıldızhan" not in text


@pytest.mark.django_db
def test_a_directorate_sees_no_other_directorates_case_in_a_bulk_action(client, world):
    status, text = page_of(
        client, world["roles"]["vet_staff"], bulk("complaints/case", "route_cases", world["works_case"])
    )
    assert status in (403, 404)
    assert world["works_case"].display_number not in text


@pytest.mark.django_db
def test_stray_ids_are_not_found_rather_than_a_server_error(client, world):
    client.force_login(world["roles"]["kadin_coordinator"])
    response = client.get("/admin/bulk/assemblies/membership/approve_membership/?id=x&id=999999")
    assert response.status_code == 404


@pytest.mark.django_db
def test_posting_a_bulk_action_on_out_of_scope_ids_changes_nothing(client, world):
    client.force_login(world["roles"]["kadin_coordinator"])
    child = world["child"]
    client.post(bulk("assemblies/membership", "approve_membership", child), {"next": "/admin/"})
    client.post(bulk("assemblies/membership", "reject_membership", child), {"reason": "Deneme", "next": "/admin/"})
    client.post(bulk("assemblies/membership", "delete", child), {"next": "/admin/"})
    child.refresh_from_db()
    assert child.state == Membership.State.APPLIED

    client.force_login(world["roles"]["vet_staff"])
    works_case = world["works_case"]
    client.post(bulk("complaints/case", "route_cases", works_case), {"directorate": works_case.directorate_id})
    client.post(bulk("complaints/notification", "delete", world["works_notification"]), {"next": "/admin/"})
    assert Notification.objects.filter(pk=world["works_notification"].pk).exists()

    client.force_login(world["roles"]["call_centre"])
    client.post(bulk("distribution/recipient", "delete", world["recipient"]), {"next": "/admin/"})
    client.post(bulk("complaints/apikey", "delete", world["api_key"]), {"next": "/admin/"})
    assert Recipient.objects.filter(pk=world["recipient"].pk).exists()
    assert ApiKey.objects.filter(pk=world["api_key"].pk).exists()
    assert Case.objects.filter(pk=works_case.pk).exists()


@pytest.mark.django_db
def test_the_call_centre_still_routes_in_bulk(client, world):
    from complaints.models import Directorate

    client.force_login(world["roles"]["call_centre"])
    works_case = world["works_case"]
    Case.objects.filter(pk=works_case.pk).update(status=Case.Status.RECEIVED, directorate=None)
    url = bulk("complaints/case", "route_cases", works_case)
    assert works_case.display_number in client.get(url).content.decode()
    works = Directorate.objects.get(name="Fen İşleri Müdürlüğü")
    client.post(url, {"directorate": works.pk})
    works_case.refresh_from_db()
    assert works_case.directorate == works


@pytest.mark.django_db
def test_wagtails_own_bulk_actions_still_work_for_those_allowed(client, world, admin_user):
    page = world["kadin_member"].assembly
    client.force_login(world["roles"]["editor"])
    assert client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}").status_code == 200
    client.force_login(world["roles"]["kadin_coordinator"])
    assert client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={page.pk}").status_code == 200
    assert client.get(f"/admin/bulk/wagtailcore/page/unpublish/?id={world['child'].assembly.pk}").status_code == 404
    client.force_login(admin_user)
    courier = world["roles"]["courier"]
    response = client.get(f"/admin/bulk/accounts/user/set_active_state/?id={courier.pk}")
    assert response.status_code == 200
    assert client.get(bulk("distribution/recipient", "delete", world["recipient"])).status_code == 200
