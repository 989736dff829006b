import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assemblies.coordinators import ensure_council_administrators
from assemblies.models import Membership
from tests.assemblies.conftest import years_ago
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def rosters(assemblies):
    """Members of two assemblies, among them a child of the children's assembly."""
    return {
        "kadin_applicant": MembershipFactory(assembly=assemblies["kadin"], full_name="Nermin Aksoy", state="applied"),
        "kadin_member": MembershipFactory(assembly=assemblies["kadin"], full_name="Gülay Erdem", state="approved"),
        "genclik_applicant": MembershipFactory(
            assembly=assemblies["genclik"], full_name="Burak Şen", state="applied", birth_date=years_ago(20)
        ),
        "child": MembershipFactory(
            assembly=assemblies["cocuk"],
            full_name="Ela Yıldız",
            birth_date=years_ago(11),
            email="ela@example.org",
            guardian_name="Derya Yıldız",
            guardian_phone="0533 222 33 44",
            state="approved",
        ),
    }


def listed_names(response):
    return {membership.full_name for membership in response.context["object_list"]}


def export_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.django_db
def test_each_coordinator_lists_only_their_own_assemblys_members(client, rosters, coordinator, other_coordinator):
    MembershipFactory(assembly=rosters["genclik_applicant"].assembly, full_name="Deniz Ak", state="approved")
    client.force_login(coordinator)
    assert listed_names(client.get("/admin/members/")) == {"Gülay Erdem"}
    client.force_login(other_coordinator)
    assert listed_names(client.get("/admin/members/")) == {"Deniz Ak"}


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["inspect", "edit", "delete", "history", "usage", "approve", "reject", "suspend"])
def test_direct_urls_to_another_assemblys_member_are_not_found(client, rosters, coordinator, view):
    client.force_login(coordinator)
    other = rosters["genclik_applicant"]
    response = client.get(f"/admin/members/{view}/{other.pk}/")
    assert response.status_code in (403, 404)
    response = client.post(f"/admin/members/{view}/{other.pk}/", {"reason": "Deneme", "full_name": "Değişti"})
    assert response.status_code in (403, 404)
    other.refresh_from_db()
    assert (other.state, other.full_name) == ("applied", "Burak Şen")


@pytest.mark.django_db
def test_a_coordinator_approves_from_the_queue_and_the_person_is_emailed(client, rosters, coordinator):
    client.force_login(coordinator)
    applicant = rosters["kadin_applicant"]
    listing = client.get("/admin/members/pending/").content.decode()
    assert f"/admin/members/approve/{applicant.pk}/" in listing
    assert client.get(f"/admin/members/approve/{applicant.pk}/").status_code == 200
    response = client.post(f"/admin/members/approve/{applicant.pk}/")
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.state == "approved"
    assert applicant.events.get().actor == coordinator
    assert mail.outbox[-1].to == [applicant.email]


@pytest.mark.django_db
def test_rejecting_needs_a_reason(client, rosters, coordinator):
    client.force_login(coordinator)
    applicant = rosters["kadin_applicant"]
    response = client.post(f"/admin/members/reject/{applicant.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert "gerekçe" in response.content.decode()
    client.post(f"/admin/members/reject/{applicant.pk}/", {"reason": "Kontenjan doldu."})
    applicant.refresh_from_db()
    assert (applicant.state, applicant.state_reason) == ("rejected", "Kontenjan doldu.")


@pytest.mark.django_db
def test_bulk_approval_touches_only_the_coordinators_own_applications(client, assemblies, rosters, coordinator):
    client.force_login(coordinator)
    more = MembershipFactory(assembly=assemblies["kadin"], state="applied", full_name="Sevgi Kara")
    ids = [rosters["kadin_applicant"].pk, more.pk, rosters["genclik_applicant"].pk]
    url = "/admin/bulk/assemblies/membership/approve_membership/?" + "&".join(f"id={pk}" for pk in ids)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Burak Şen" not in confirm.content.decode()  # another assembly's member is not even named
    client.post(url, {"next": "/admin/members/"})
    states = dict(Membership.objects.filter(pk__in=ids).values_list("full_name", "state"))
    assert states == {"Nermin Aksoy": "approved", "Sevgi Kara": "approved", "Burak Şen": "applied"}


@pytest.mark.django_db
def test_bulk_rejection_needs_a_reason_and_sends_it(client, assemblies, rosters, coordinator):
    client.force_login(coordinator)
    applicant = rosters["kadin_applicant"]
    url = f"/admin/bulk/assemblies/membership/reject_membership/?id={applicant.pk}"
    client.post(url, {"reason": ""})
    applicant.refresh_from_db()
    assert applicant.state == "applied"
    client.post(url, {"reason": "Başvuru dönemi kapandı."})
    applicant.refresh_from_db()
    assert applicant.state == "rejected"
    assert "Başvuru dönemi kapandı." in mail.outbox[-1].body


@pytest.mark.django_db
def test_filters_by_state_age_group_and_neighbourhood(client, assemblies, rosters, coordinator):
    from places.models import Neighbourhood

    MembershipFactory(
        assembly=assemblies["kadin"],
        full_name="Hatice Öztürk",
        state="approved",
        birth_date=years_ago(67),
        neighbourhood=Neighbourhood.objects.get(name="Şerifali"),
    )
    client.force_login(coordinator)
    assert listed_names(client.get("/admin/members/?state=approved")) == {"Gülay Erdem", "Hatice Öztürk"}
    assert listed_names(client.get("/admin/members/?age_group=60%2B")) == {"Hatice Öztürk"}
    serifali = Neighbourhood.objects.get(name="Şerifali").pk
    assert listed_names(client.get(f"/admin/members/?neighbourhood={serifali}")) == {"Hatice Öztürk"}


@pytest.mark.django_db
def test_export_follows_the_filters_and_the_coordinators_assembly(client, rosters, coordinator):
    client.force_login(coordinator)
    rows = export_rows(client.get("/admin/members/?export=csv&state=approved"))
    assert [row["Ad Soyad"] for row in rows] == ["Gülay Erdem"]
    assert rows[0]["Durum"] == "Üye" and rows[0]["Meclis"] == "Kadın Meclisi"
    MembershipFactory(assembly=rosters["kadin_member"].assembly, full_name="Leyla Uçar", state="left")
    everything = export_rows(client.get("/admin/members/?export=csv"))
    assert {row["Ad Soyad"] for row in everything} == {"Gülay Erdem", "Leyla Uçar"}  # applicants wait in the queue
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/admin/members/?export=xlsx").streaming_content)))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:3] == ["Ad Soyad", "E-posta", "Telefon"]
    assert sheet.max_row == 3  # the heading, the member and the one who left


@pytest.mark.django_db
def test_council_administrators_see_all_but_not_childrens_contacts(client, rosters):
    administrator = UserFactory(email="konsey@example.org")
    administrator.groups.add(ensure_council_administrators())
    client.force_login(administrator)
    assert listed_names(client.get("/admin/members/")) == {"Gülay Erdem", "Ela Yıldız"}
    child = next(
        row for row in export_rows(client.get("/admin/members/?export=csv")) if row["Ad Soyad"] == "Ela Yıldız"
    )
    assert "ela@example.org" not in child.values() and "0533 222 33 44" not in child.values()
    inspect = client.get(f"/admin/members/inspect/{rosters['child'].pk}/").content.decode()
    assert "Derya Yıldız" not in inspect and "ela@example.org" not in inspect
    refused = client.get(f"/admin/members/edit/{rosters['child'].pk}/")
    assert refused.status_code in (302, 403) and "Derya" not in refused.content.decode()


@pytest.mark.django_db
def test_the_childrens_coordinator_sees_the_childs_contacts(client, assemblies, rosters):
    coordinator = UserFactory(email="cocuk.koordinator@example.org")
    coordinator.groups.add(assemblies["cocuk"].coordinator_group.group)
    client.force_login(coordinator)
    inspect = client.get(f"/admin/members/inspect/{rosters['child'].pk}/").content.decode()
    assert "Derya Yıldız" in inspect and "ela@example.org" in inspect


@pytest.mark.django_db
def test_a_citizen_has_no_way_into_the_members_admin(client, rosters, woman):
    client.force_login(woman)
    assert client.get("/admin/members/").status_code == 302
    assert client.get(f"/admin/members/approve/{rosters['kadin_applicant'].pk}/").status_code in (302, 403)


@pytest.mark.django_db
def test_an_assembly_with_members_cannot_be_deleted(admin_client, rosters, assemblies):
    page = assemblies["kadin"]
    response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert Membership.objects.filter(assembly=page).count() == 2


@pytest.mark.django_db
def test_members_listing_queries_do_not_grow_with_the_roster(client, assemblies, coordinator):
    client.force_login(coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/members/").status_code == 200
        return len(queries)

    MembershipFactory.create_batch(5, assembly=assemblies["kadin"], state="approved")
    count()  # the caches that live across requests (the mahalleler of the filter)
    few = count()
    MembershipFactory.create_batch(120, assembly=assemblies["kadin"], state="approved")
    assert count() == few


@pytest.mark.django_db
def test_the_snippets_index_does_not_count_every_assemblys_members(client, rosters, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/snippets/")
    assert "Üyelikler" not in response.content.decode()
    assert client.get("/admin/snippets/assemblies/membership/").status_code == 404


def row_of(page, name):
    return next(row for row in page.split("<tr") if name in row)


@pytest.mark.django_db
def test_each_row_names_its_assembly_for_a_coordinator_and_for_the_council(client, rosters, coordinator):
    client.force_login(coordinator)
    assert "Kadın Meclisi" in row_of(client.get("/admin/members/").content.decode(), "Gülay Erdem")
    administrator = UserFactory(email="konsey@example.org")
    administrator.groups.add(ensure_council_administrators())
    client.force_login(administrator)
    page = client.get("/admin/members/").content.decode()
    assert "Kadın Meclisi" in row_of(page, "Gülay Erdem")
    assert "Çocuk Meclisi" in row_of(page, "Ela Yıldız")
