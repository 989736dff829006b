import pytest
from django.contrib.auth.models import Group

from complaints import cases, groups
from complaints.demo import create_cases
from complaints.models import Case, CaseEvent, Channel, Directorate, Topic


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
            "informed": "on",
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
    assert case.consent_at is not None and "Telefon" in case.consent_document


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


def test_the_call_centre_corrects_a_case_and_the_history_says_what_changed(client, clerk, vet_staff, make_case):
    case = make_case(topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"))
    client.force_login(clerk)
    assert client.get(f"/admin/cases/edit/{case.pk}/").status_code == 200
    form = client.get(f"/admin/cases/edit/{case.pk}/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(address="Alemdağ Caddesi 5", anonymous="")
    response = client.post(f"/admin/cases/edit/{case.pk}/", data)
    assert response.status_code == 302
    assert case.events.filter(action="changed", actor=clerk, changes__address=["", "Alemdağ Caddesi 5"]).exists()
    # Directorates answer; they do not rewrite the record or its legal deadline.
    client.force_login(vet_staff)
    assert client.get(f"/admin/cases/edit/{case.pk}/").url == "/admin/"


def test_no_admin_page_shows_another_directorates_case_number(client, two_cases, vet_staff):
    animal, road = two_cases
    client.force_login(vet_staff)
    for url in [
        f"/admin/cases/history/{road.pk}/",
        f"/admin/cases/usage/{road.pk}/",
        f"/admin/cases/delete/{road.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert road.display_number not in client.get("/admin/reports/site-history/").content.decode()
    bulk = client.get(f"/admin/bulk/complaints/case/route_cases/?next=/admin/cases/&id={road.pk}")
    assert road.display_number not in bulk.content.decode()


def test_bulk_routing_leaves_cases_already_being_worked_on(client, clerk, make_case, works, veterinary):
    waiting = make_case(topic=None)
    working = make_case(topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"))
    cases.set_status(working, Case.Status.IN_PROGRESS)
    client.force_login(clerk)
    url = f"/admin/bulk/complaints/case/route_cases/?next=/admin/cases/&id=all&id={waiting.pk}&id={working.pk}&id=x"
    page = client.get(url).content.decode()
    assert "1 başvuru dışarıda bırakıldı" in page
    client.post(url, {"directorate": works.pk})
    assert Case.objects.get(pk=waiting.pk).directorate == works
    assert Case.objects.get(pk=working.pk).directorate == veterinary


def test_routing_tells_the_directorates_mailbox(client, clerk, make_case, works, django_capture_on_commit_callbacks):
    from django.core import mail

    works.email = "fen@umraniye.bel.tr"
    works.save()
    case = make_case(topic=None)
    mail.outbox.clear()
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/cases/route/{case.pk}/", {"directorate": works.pk})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["fen@umraniye.bel.tr"]]
    assert f"/admin/cases/inspect/{case.pk}/" in mail.outbox[0].body
    # And a case routed by its topic at registration.
    mail.outbox.clear()
    make_case(topic=Topic.objects.get(name="Asfalt Onarımı"), email="", phone="")
    assert [message.to for message in mail.outbox] == [["fen@umraniye.bel.tr"]]


def test_bad_action_input_gets_a_message_not_an_error(client, clerk, make_case):
    case = make_case()
    client.force_login(clerk)
    for url, data in [
        (f"/admin/cases/route/{case.pk}/", {"directorate": "abc"}),
        (f"/admin/cases/status/{case.pk}/", {"status": "nonsense"}),
        (f"/admin/cases/status/{case.pk}/", {"status": "answered"}),
        (f"/admin/cases/status/{case.pk}/", {"status": "duplicate", "duplicate_of": "12"}),
        (f"/admin/cases/answer/{case.pk}/", {"answer": "  "}),
        (f"/admin/cases/note/{case.pk}/", {}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302 and response.url == f"/admin/cases/inspect/{case.pk}/", url
    assert Case.objects.get(pk=case.pk).status == case.status


def test_the_retry_button_only_returns_inside_the_admin(client, clerk, make_case):
    from complaints.sms import LocmemBackend

    LocmemBackend.failures_left = 1
    notification = make_case(email="").notifications.get()
    client.force_login(clerk)
    response = client.post(f"/admin/cases/notification/{notification.pk}/retry/", {"next": "https://evil.example/"})
    assert response.url == f"/admin/cases/inspect/{notification.case_id}/"
    # The outbox is watched, not written: no editing a message to a citizen.
    assert client.get(f"/admin/snippets/complaints/notification/edit/{notification.pk}/").status_code == 302


def test_the_outbox_and_reference_lists_take_a_fixed_number_of_queries(
    client, clerk, make_case, django_assert_max_num_queries
):
    from django.contrib.auth.models import Permission
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints.sms import LocmemBackend

    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_topic", "view_directorate"]))
    client.force_login(clerk)
    LocmemBackend.failures_left = 1
    make_case()
    urls = [
        "/admin/snippets/complaints/notification/",
        "/admin/snippets/complaints/topic/",
        "/admin/snippets/complaints/directorate/",
    ]
    counted = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counted[url] = len(queries)
    LocmemBackend.failures_left = 10
    for _ in range(10):
        make_case()
    for url in urls:
        with django_assert_max_num_queries(counted[url]):
            client.get(url)
    assert "Gönderilemedi, yeniden denenecek" in client.get(urls[0]).content.decode()


def test_the_entry_form_labels_every_field_it_asks_for(client, clerk):
    client.force_login(clerk)
    html = client.get("/admin/cases/add/").content.decode()
    for field in ("channel", "kind", "received_at", "topic", "directorate", "neighbourhood", "description", "informed"):
        assert f'for="id_{field}"' in html, field


def test_the_entry_form_offers_topics_and_directorates_as_plain_lists(client, clerk):
    client.force_login(clerk)
    html = client.get("/admin/cases/add/").content.decode()
    assert '<select name="topic"' in html and '<select name="directorate"' in html


def test_routing_again_to_the_same_directorate_adds_nothing_to_the_history(client, clerk, make_case, veterinary):
    case = make_case(description="Yaralı kedi.")
    cases.route(case, veterinary)
    client.force_login(clerk)
    events = CaseEvent.objects.filter(case=case).count()
    client.post(f"/admin/cases/route/{case.pk}/", {"directorate": veterinary.pk})
    assert CaseEvent.objects.filter(case=case).count() == events


def test_the_call_centre_can_give_a_resident_their_lost_security_code_and_a_directorate_cannot(
    client, two_cases, clerk, vet_staff
):
    animal, _road = two_cases
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{animal.pk}/").content.decode()
    assert "Güvenlik kodu" in page and animal.security_code in page
    client.force_login(vet_staff)
    page = client.get(f"/admin/cases/inspect/{animal.pk}/").content.decode()
    assert animal.display_number in page and animal.security_code not in page
