import pytest
from django.contrib.auth.models import Group

from complaints import cases, groups
from complaints.demo import create_cases
from complaints.models import Case, CaseEvent, Channel, Directorate, Topic
from tests.factories import UserFactory


@pytest.fixture
def clerk(db):
    user = UserFactory()
    user.groups.add(groups.ensure_call_centre_group())
    return user


@pytest.fixture
def vet_staff(veterinary):
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(veterinary))
    return user


@pytest.fixture
def works_staff(works):
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(works))
    return user


@pytest.fixture
def two_cases(make_case):
    animal = make_case(topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"), description="Köpek yaralı.")
    road = make_case(topic=Topic.objects.get(name="Asfalt Onarımı"), description="Yolda derin çukur var.")
    return animal, road


def test_directorate_staff_see_and_open_only_their_own_cases(client, two_cases, vet_staff, works_staff):
    animal, road = two_cases
    client.force_login(vet_staff)
    listing = client.get("/admin/cases/").content.decode()
    assert animal.display_number in listing and road.display_number not in listing
    assert client.get(f"/admin/cases/inspect/{road.pk}/").status_code == 404
    assert client.get(f"/admin/cases/edit/{road.pk}/").status_code == 404
    assert client.post(f"/admin/cases/answer/{road.pk}/", {"answer": "Bizim değil"}).status_code == 404
    client.force_login(works_staff)
    listing = client.get("/admin/cases/").content.decode()
    assert road.display_number in listing and animal.display_number not in listing
    assert client.get(f"/admin/cases/photo/{animal.pk}/").status_code == 404


def test_directorate_staff_answer_but_do_not_route_or_register(client, two_cases, vet_staff, works):
    animal, _road = two_cases
    client.force_login(vet_staff)
    response = client.post(f"/admin/cases/answer/{animal.pk}/", {"answer": "Köpek tedavi edildi."})
    assert response.status_code == 302
    animal.refresh_from_db()
    assert (animal.status, animal.public_answer) == (Case.Status.ANSWERED, "Köpek tedavi edildi.")
    assert animal.events.filter(action=CaseEvent.Action.ANSWERED, actor=vet_staff).exists()
    refused = client.post(f"/admin/cases/route/{animal.pk}/", {"directorate": works.pk})
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's answer to PermissionDenied
    assert Case.objects.get(pk=animal.pk).directorate != works
    assert client.get("/admin/cases/add/").status_code == 302  # no permission to register


def test_the_call_centre_registers_a_phone_case_in_one_form(client, clerk, veterinary):
    client.force_login(clerk)
    response = client.post(
        "/admin/cases/add/",
        {
            "channel": Channel.PHONE,
            "kind": Case.Kind.COMPLAINT,
            "received_at": "2026-11-20 10:15:00",
            "topic": Topic.objects.get(name="Hayvanların Muayene ve Tedavileri").pk,
            "directorate": "",
            "neighbourhood": "",
            "address": "Şerifali, Bayraktar Bulvarı",
            "description": "Arayan vatandaş bir kedinin araba altında kaldığını bildirdi.",
            "name": "Hasan Kara",
            "phone": "0533 222 11 00",
            "email": "",
            "reply_by": Case.ReplyBy.SMS,
        },
    )
    case = Case.objects.get(name="Hasan Kara")
    assert response.status_code == 302 and response.url == f"/admin/cases/inspect/{case.pk}/"
    assert (case.channel, case.directorate, case.status, case.phone, case.registered_by) == (
        Channel.PHONE,
        veterinary,
        Case.Status.ROUTED,
        "+905332221100",
        clerk,
    )
    page = client.get(response.url).content.decode()
    assert case.display_number in page


def test_fast_entry_explains_what_is_missing(client, clerk):
    client.force_login(clerk)
    response = client.post("/admin/cases/add/", {"channel": Channel.PHONE, "kind": "request", "phone": "12"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "0532 123 45 67 gibi" in page
    assert not Case.objects.exists()


def test_the_call_centre_routes_in_bulk(client, clerk, make_case, works):
    several = [make_case(topic=None) for _ in range(3)]
    assert {case.status for case in several} == {Case.Status.RECEIVED}
    client.force_login(clerk)
    ids = "&".join(f"id={case.pk}" for case in several)
    url = f"/admin/bulk/complaints/case/route_cases/?next=/admin/cases/&{ids}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"directorate": works.pk})
    assert response.status_code == 302
    assert set(Case.objects.values_list("directorate", "status")) == {(works.pk, Case.Status.ROUTED)}
    assert CaseEvent.objects.filter(action=CaseEvent.Action.ROUTED, actor=clerk).count() == 3


@pytest.mark.parametrize("query", ["number", "spaced", "phone", "words"])
def test_search_by_tracking_number_phone_or_text(client, clerk, two_cases, query):
    animal, road = two_cases
    client.force_login(clerk)
    road.phone = "+905551234567"
    road.save()
    q = {
        "number": road.tracking_number,
        "spaced": road.display_number,
        "phone": "0555 123 45 67",
        "words": "derin çukur",
    }[query]
    page = client.get("/admin/cases/", {"q": q}).content.decode()
    assert road.display_number in page and animal.display_number not in page


def test_filters_pick_overdue_cases(client, clerk, make_case):
    late, fresh = make_case(), make_case()
    Case.objects.filter(pk=late.pk).update(due_on="2026-01-05")
    client.force_login(clerk)
    page = client.get("/admin/cases/", {"deadline": "overdue"}).content.decode()
    assert late.display_number in page and fresh.display_number not in page
    assert "Gecikti" in page


def test_the_listing_takes_the_same_queries_for_ten_and_two_hundred_cases(client, clerk, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    create_cases(10)
    client.force_login(clerk)
    client.get("/admin/cases/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/cases/", {"status": "closed"})
    create_cases(200)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/admin/cases/", {"status": "closed"})
    assert response.status_code == 200


def test_each_directorate_has_its_own_group(db):
    directorate = Directorate.objects.create(name="Deneme Müdürlüğü")
    assert directorate.group.name == "Deneme Müdürlüğü Personeli"
    assert not directorate.group.permissions.filter(codename="view_all_cases").exists()
    assert Group.objects.get(name=groups.CALL_CENTRE).permissions.filter(codename="view_all_cases").exists()


def test_notifications_can_be_retried_from_the_case(client, clerk, make_case):
    from complaints.sms import LocmemBackend

    LocmemBackend.failures_left = 1
    case = make_case(email="")
    notification = case.notifications.get()
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{case.pk}/").content.decode()
    assert "SmsError" in page
    client.post(f"/admin/cases/notification/{notification.pk}/retry/")
    notification.refresh_from_db()
    assert notification.status == "sent"
    assert cases.public_history(case)
