"""The council's bodies and seats: who keeps them in the admin, and what the public pages show of them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assemblies.coordinators import ensure_coordinator_group
from council import access
from council.models import Body, CouncilPage, Organisation, Seat
from tests.conftest import publish, translate
from tests.factories import AssemblyPageFactory, UserFactory

TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=365)


def seat(body, name, organisation=None, role=Seat.Role.MEMBER, **fields):
    return Seat.objects.create(body=body, holder_name=name, organisation=organisation, role=role, **fields)


@pytest.fixture
def council_page(home_page):
    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="kurullar"), parent=home_page)


@pytest.fixture
def assemblies(assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    return kadin, genclik


@pytest.fixture
def people(assemblies):
    kadin, genclik = assemblies

    def person(group):
        user = UserFactory()
        user.groups.add(group)
        return user

    return {
        "kadin": person(ensure_coordinator_group(kadin)),
        "genclik": person(ensure_coordinator_group(genclik)),
        "secretariat": person(access.ensure_secretariat_group()),
    }


@pytest.fixture
def council(assemblies):
    kadin, genclik = assemblies
    chamber = Organisation.objects.create(name="Mimarlar Odası İstanbul Şubesi", kind=Organisation.Kind.CHAMBER)
    union = Organisation.objects.create(name="Eğitim Sendikası", kind=Organisation.Kind.UNION)
    general = Body.objects.create(name="Genel Kurul", slug="genel-kurul", kind=Body.Kind.GENERAL_ASSEMBLY)
    seat(
        general,
        "Zeynep Aktaş",
        chamber,
        role=Seat.Role.PRESIDENT,
        holder_email="zeynep@example.org",
        holder_phone="0532 111 22 33",
        substitute_name="Kemal Yedekçi",
        substitute_email="kemal@example.org",
        substitute_phone="0532 444 55 66",
        starts_on=LAST_YEAR,
    )
    seat(general, "Ahmet Çınar", union, starts_on=LAST_YEAR)
    seat(general, "", union, starts_on=LAST_YEAR)  # vacant
    # The previous term, ended before this one began.
    seat(
        general,
        "Eski Başkan",
        chamber,
        role=Seat.Role.PRESIDENT,
        starts_on=datetime.date(2016, 1, 1),
        ends_on=LAST_YEAR - datetime.timedelta(days=1),
    )
    kadin_board = Body.objects.create(
        name="Kadın Meclisi Yürütme Kurulu", slug="kadin-yurutme", kind=Body.Kind.ASSEMBLY_BOARD, assembly=kadin
    )
    seat(kadin_board, "Fatma Kadınoğlu", holder_email="fatma@example.org")
    genclik_board = Body.objects.create(
        name="Gençlik Meclisi Yürütme Kurulu", slug="genclik-yurutme", kind=Body.Kind.ASSEMBLY_BOARD, assembly=genclik
    )
    seat(genclik_board, "Gökhan Gençoğlu", holder_email="gokhan@example.org")
    return {"general": general, "kadin": kadin_board, "genclik": genclik_board, "chamber": chamber, "union": union}


# Groups


@pytest.mark.django_db
def test_the_secretariat_group_exists_after_migrate_with_the_council_permissions():
    group = Group.objects.get(name=access.SECRETARIAT)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_body", "change_seat", "add_organisation", "change_opinionstep"} <= codenames


@pytest.mark.django_db
def test_a_new_assemblys_coordinators_get_the_council_permissions(assembly_index):
    group = ensure_coordinator_group(publish(AssemblyPageFactory(parent=assembly_index, title="Engelli Meclisi")))
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_meeting", "change_body", "add_seat", "view_organisation", "add_bulletin"} <= codenames
    # Organisations are the secretariat's to keep.
    assert "add_organisation" not in codenames


# Public pages


@pytest.mark.django_db
def test_a_body_page_shows_names_roles_and_organisations_but_no_contact_details(client, council_page, council):
    response = client.get(council_page.url + "kurul/genel-kurul/")
    assert response.status_code == 200
    text = response.content.decode()
    for shown in [
        "Zeynep Aktaş",
        "Mimarlar Odası İstanbul Şubesi",
        "Başkan",
        "Kemal Yedekçi",
        "Ahmet Çınar",
        "Eğitim Sendikası",
    ]:
        assert shown in text
    for hidden in ["zeynep@example.org", "0532 111 22 33", "kemal@example.org", "0532 444 55 66", "@example.org"]:
        assert hidden not in text


@pytest.mark.django_db
def test_a_vacant_seat_is_shown_as_vacant(client, council_page, council):
    text = client.get(council_page.url + "kurul/genel-kurul/").content.decode()
    assert "Boş" in text
    assert "2 / 3" in text or "3 koltuğun 2" in text or "2 of 3" in text


@pytest.mark.django_db
def test_past_terms_are_listed_under_their_dates_apart_from_the_current_members(client, council_page, council):
    text = client.get(council_page.url + "kurul/genel-kurul/").content.decode()
    history = text.index("Geçmiş dönemler")
    assert text.index("Eski Başkan") > history
    assert text.index("Zeynep Aktaş") < history
    assert "1 Ocak 2016" in text


@pytest.mark.django_db
def test_a_hidden_or_unknown_body_is_not_found(client, council_page, council):
    Body.objects.filter(pk=council["kadin"].pk).update(is_public=False)
    assert client.get(council_page.url + "kurul/kadin-yurutme/").status_code == 404
    assert client.get(council_page.url + "kurul/yok-boyle-kurul/").status_code == 404


@pytest.mark.django_db
def test_the_overview_groups_public_bodies_by_kind_with_their_member_counts(client, council_page, council):
    text = client.get(council_page.url).content.decode()
    assert (
        text.index("Genel Kurul")
        < text.index("Gençlik Meclisi Yürütme Kurulu")
        < text.index("Kadın Meclisi Yürütme Kurulu")
    )
    assert "2 üye" in text  # two filled seats of three; the past term does not count
    assert council_page.url + "kurul/genel-kurul/" in text
    for route in ("toplantilar/", "gorusler/", "acik-veri/"):
        assert council_page.url + route in text


@pytest.mark.django_db
def test_the_pages_work_in_english(client, council_page, council, english_home_page, locales):
    english = translate(council_page, locales[1], title="Bodies and opinions", slug="council")
    overview = client.get(english.url)
    assert overview.status_code == 200
    assert "General assembly" in overview.content.decode()
    body = client.get(english.url + "kurul/genel-kurul/")
    assert body.status_code == 200
    text = body.content.decode()
    assert "President" in text and "Vacant" in text and "Past terms" in text


@pytest.mark.django_db
def test_public_pages_read_a_fixed_number_of_queries(client, council_page, council, django_assert_max_num_queries):
    def measure():
        with django_assert_max_num_queries(12) as overview:
            client.get(council_page.url)
        with django_assert_max_num_queries(12) as detail:
            client.get(council_page.url + "kurul/genel-kurul/")
        return len(overview.captured_queries), len(detail.captured_queries)

    client.get(council_page.url)  # warm the site's caches (menus, site root)
    client.get(council_page.url + "kurul/genel-kurul/")
    before = measure()
    organisation = Organisation.objects.create(name="Çevre Derneği", kind=Organisation.Kind.NGO)
    for number in range(15):
        seat(council["general"], f"Üye {number}", organisation, starts_on=LAST_YEAR)
        seat(
            council["general"],
            f"Eski Üye {number}",
            organisation,
            starts_on=datetime.date(2012, 1, 1),
            ends_on=datetime.date(2015, 12, 31),
        )
        Body.objects.create(name=f"Çalışma Grubu {number}", slug=f"grup-{number}", kind=Body.Kind.WORKING_GROUP)
    assert measure() == before


# Admin


@pytest.mark.django_db
def test_two_coordinators_see_only_their_own_assemblys_bodies(client, people, council):
    client.force_login(people["kadin"])
    text = client.get("/admin/council/bodies/").content.decode()
    assert "Kadın Meclisi Yürütme Kurulu" in text
    assert "Gençlik Meclisi Yürütme Kurulu" not in text
    assert f"/edit/{council['general'].pk}/" not in text
    assert client.get(f"/admin/council/bodies/edit/{council['kadin'].pk}/").status_code == 200
    for other in (council["genclik"], council["general"]):
        for url in (f"/admin/council/bodies/edit/{other.pk}/", f"/admin/council/bodies/delete/{other.pk}/"):
            assert client.get(url).status_code in (403, 404), url
        response = client.post(f"/admin/council/bodies/edit/{other.pk}/", {"name": "Ele geçirildi"})
        assert response.status_code in (403, 404)
    assert Body.objects.filter(name="Ele geçirildi").count() == 0


@pytest.mark.django_db
def test_bulk_delete_cannot_reach_another_assemblys_body(client, people, council):
    client.force_login(people["kadin"])
    url = f"/admin/bulk/council/body/delete/?next=/admin/&id={council['genclik'].pk}"
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404)
    assert Body.objects.filter(pk=council["genclik"].pk).exists()
    response = client.get(
        f"/admin/bulk/council/body/delete/?next=/admin/&id={council['genclik'].pk}&id={council['kadin'].pk}"
    )
    assert "Gençlik Meclisi" not in response.content.decode()


@pytest.mark.django_db
def test_the_secretariat_sees_and_edits_every_body(client, people, council):
    client.force_login(people["secretariat"])
    text = client.get("/admin/council/bodies/").content.decode()
    for name in ("Genel Kurul", "Kadın Meclisi Yürütme Kurulu", "Gençlik Meclisi Yürütme Kurulu"):
        assert name in text
    # Listed by kind: the council's own bodies first, then the assemblies' boards in Turkish order.
    assert text.index("Genel Kurul") < text.index("Gençlik Meclisi") < text.index("Kadın Meclisi")
    for body in ("general", "kadin", "genclik"):
        assert client.get(f"/admin/council/bodies/edit/{council[body].pk}/").status_code == 200


def body_form(name, kind, assembly="", seats=()):
    return nested_form_data(
        {
            "name": name,
            "slug": "",
            "kind": kind,
            "assembly": assembly,
            "topic": "",
            "description": "",
            "sort_order": 100,
            "is_public": "on",
            "notice_days": 7,
            "quorum_rule": "majority",
            "reconvened_quorum_rule": "none",
            "seats": inline_formset(list(seats)),
        }
    )


SEAT = {
    "role": "member",
    "organisation": "",
    "holder_name": "Selin Temsilci",
    "holder_email": "selin@example.org",
    "holder_phone": "",
    "substitute_name": "Deniz Yedek",
    "substitute_email": "",
    "substitute_phone": "",
    "starts_on": "",
    "ends_on": "",
}


@pytest.mark.django_db
def test_a_coordinator_cannot_create_a_general_assembly_nor_a_body_of_another_assembly(
    client, people, assemblies, council
):
    kadin, genclik = assemblies
    client.force_login(people["kadin"])
    form = client.get("/admin/council/bodies/add/").content.decode()
    assert 'value="general_assembly"' not in form and 'value="executive"' not in form
    assert "Gençlik Meclisi" not in form
    response = client.post("/admin/council/bodies/add/", body_form("Sahte Genel Kurul", "general_assembly"))
    assert response.status_code == 200
    response = client.post("/admin/council/bodies/add/", body_form("Gençlik Grubu", "working_group", genclik.pk))
    assert response.status_code == 200
    assert not Body.objects.filter(name__in=["Sahte Genel Kurul", "Gençlik Grubu"]).exists()
    response = client.post(
        "/admin/council/bodies/add/", body_form("Kadın Sağlığı Çalışma Grubu", "working_group", kadin.pk, [SEAT])
    )
    assert response.status_code == 302
    created = Body.objects.get(name="Kadın Sağlığı Çalışma Grubu")
    assert created.slug == "kadin-sagligi-calisma-grubu"
    assert created.assembly_id == kadin.pk
    assert created.seats.get().substitute_name == "Deniz Yedek"


@pytest.mark.django_db
def test_the_general_assembly_belongs_to_no_assembly(client, people, assemblies):
    client.force_login(people["secretariat"])
    response = client.post("/admin/council/bodies/add/", body_form("Genel Kurul", "general_assembly", assemblies[0].pk))
    assert response.status_code == 200
    assert "bir meclise değil" in response.content.decode()
    response = client.post("/admin/council/bodies/add/", body_form("Genel Kurul", "general_assembly", "", [SEAT]))
    assert response.status_code == 302
    assert Body.objects.get(slug="genel-kurul").seats.count() == 1


@pytest.mark.django_db
def test_a_person_may_hold_seats_on_several_bodies(council):
    seat(council["kadin"], "Zeynep Aktaş")
    assert Seat.objects.filter(holder_name="Zeynep Aktaş").values("body").distinct().count() == 2


@pytest.mark.django_db
def test_organisations_are_listed_in_turkish_order_and_found_with_turkish_casing(client, people, council):
    Organisation.objects.create(name="Çevre Derneği", kind=Organisation.Kind.NGO)
    Organisation.objects.create(name="İhlas Vakfı", kind=Organisation.Kind.NGO)
    Organisation.objects.create(name="Işık Üniversitesi", kind=Organisation.Kind.UNIVERSITY)
    client.force_login(people["secretariat"])
    text = client.get("/admin/council/organisations/").content.decode()
    names = ["Çevre Derneği", "Eğitim Sendikası", "Işık Üniversitesi", "İhlas Vakfı", "Mimarlar Odası"]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Meslek odası" in text or "Meslek Odası" in text  # the kind in words, not "chamber"
    found = client.get("/admin/council/organisations/?q=ihlas").content.decode()
    assert "İhlas Vakfı" in found and "Çevre Derneği" not in found
    found = client.get("/admin/council/organisations/?q=IŞIK").content.decode()
    assert "Işık Üniversitesi" in found and "İhlas Vakfı" not in found
    filtered = client.get("/admin/council/organisations/?kind=union").content.decode()
    assert "Eğitim Sendikası" in filtered and "Çevre Derneği" not in filtered


@pytest.mark.django_db
def test_admin_lists_read_a_fixed_number_of_queries(client, people, council, django_assert_max_num_queries):
    client.force_login(people["secretariat"])

    def measure():
        client.get("/admin/")  # the sidebar built again if a new body changed what it shows
        counts = []
        for url in ("/admin/council/bodies/", "/admin/council/organisations/", "/admin/"):
            with django_assert_max_num_queries(60) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries.captured_queries))
        return counts

    for url in ("/admin/council/bodies/", "/admin/council/organisations/", "/admin/"):
        client.get(url)  # warm the admin's caches
    before = measure()
    for number in range(10):
        body = Body.objects.create(name=f"Çalışma Grubu {number}", slug=f"grup-{number}", kind=Body.Kind.WORKING_GROUP)
        organisation = Organisation.objects.create(name=f"Dernek {number}")
        seat(body, f"Üye {number}", organisation)
    assert measure() == before


@pytest.mark.django_db
def test_the_secretariat_dashboard_shows_filled_and_vacant_seats(client, people, council):
    client.force_login(people["secretariat"])
    text = client.get("/admin/").content.decode()
    assert "Kurulları" in text or "kurulları" in text
    assert f"/admin/council/bodies/edit/{council['general'].pk}/" in text
    assert "/admin/council/organisations/" in text
    client.force_login(people["kadin"])
    assert f"/admin/council/bodies/edit/{council['general'].pk}/" not in client.get("/admin/").content.decode()


# Retention


@pytest.mark.django_db
def test_contact_details_of_an_ended_term_are_removed_after_a_year_and_the_names_stay(council):
    from council import retention

    long_ended = seat(
        council["general"],
        "Eski Sekreter",
        council["union"],
        holder_email="eski@example.org",
        holder_phone="0532 999 88 77",
        substitute_name="Eski Yedek",
        substitute_email="eskiyedek@example.org",
        starts_on=datetime.date(2016, 1, 1),
        ends_on=TODAY - datetime.timedelta(days=400),
    )
    recently_ended = seat(
        council["general"], "Yeni Ayrılan", holder_email="yeni@example.org", ends_on=TODAY - datetime.timedelta(days=30)
    )
    cutoff = timezone.now() - datetime.timedelta(days=retention.DEFAULT_ENDED_SEAT_CONTACT_DAYS)
    assert list(retention.due_seat_contacts(cutoff)) == [long_ended]
    assert retention.remove_seat_contacts(cutoff, timezone.now(), 500) == {"ended_seat_contacts": 1}
    long_ended.refresh_from_db()
    assert (long_ended.holder_email, long_ended.holder_phone, long_ended.substitute_email) == ("", "", "")
    assert (long_ended.holder_name, long_ended.substitute_name, long_ended.organisation) == (
        "Eski Sekreter",
        "Eski Yedek",
        council["union"],
    )
    recently_ended.refresh_from_db()
    assert recently_ended.holder_email == "yeni@example.org"
    # Current seats keep theirs; a second run finds nothing.
    assert Seat.objects.get(holder_name="Zeynep Aktaş").holder_email == "zeynep@example.org"
    assert not retention.due_seat_contacts(cutoff).exists()


@pytest.mark.django_db
def test_an_organisation_names_its_representative_and_substitute_on_each_body(client, people, council):
    seat(council["kadin"], "Deniz Temsilci", council["chamber"], substitute_name="Ece Yedek")
    url = f"/admin/council/organisations/inspect/{council['chamber'].pk}/"
    client.force_login(people["secretariat"])
    text = client.get(url).content.decode()
    for shown in (
        "Genel Kurul",
        "Zeynep Aktaş",
        "Kemal Yedekçi",
        "Kadın Meclisi Yürütme Kurulu",
        "Deniz Temsilci",
        "Ece Yedek",
    ):
        assert shown in text
    assert text.index("Zeynep Aktaş") < text.index("Eski Başkan")  # the current term before the past one
    assert "zeynep@example.org" not in text
    # A coordinator reads the organisation, but only its seats on their own assembly's bodies.
    client.force_login(people["kadin"])
    text = client.get(url).content.decode()
    assert "Deniz Temsilci" in text
    assert "Zeynep Aktaş" not in text and "Genel Kurul" not in text
