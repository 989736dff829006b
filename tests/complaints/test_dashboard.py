"""The register's dashboards: the call centre's deadlines by directorate, a directorate's own open cases."""

import datetime
import re

import pytest
from django.utils import timezone

from complaints import cases
from complaints.models import Case, Topic


@pytest.fixture
def register(make_case, veterinary, works):
    """Two veterinary cases (one overdue), one of public works due tomorrow, one not routed, one closed."""
    today = timezone.localdate()
    animal = Topic.objects.get(name="Sokak Hayvanı Şikâyeti")
    vet_late = make_case(topic=animal, description="Yaralı köpek.")
    vet_open = make_case(topic=animal, description="Kedi sahiplendirme.")
    road = make_case(description="Yolda çukur.")
    waiting = make_case(description="Henüz yönlendirilmedi.")
    done = make_case(topic=animal, description="Kapandı.")
    for case, directorate in [(vet_late, veterinary), (vet_open, veterinary), (road, works), (done, veterinary)]:
        if case.directorate_id != directorate.pk or case.status != Case.Status.ROUTED:  # not routed on filing
            cases.route(case, directorate)
    Case.objects.filter(pk=vet_late.pk).update(due_on=today - datetime.timedelta(days=2))
    Case.objects.filter(pk=vet_open.pk).update(due_on=today + datetime.timedelta(days=9))
    Case.objects.filter(pk=road.pk).update(due_on=today + datetime.timedelta(days=1))
    Case.objects.filter(pk=waiting.pk).update(directorate=None, due_on=today + datetime.timedelta(days=9))
    cases.answer(done, "Sorun giderildi.")
    cases.set_status(done, Case.Status.CLOSED)
    return {"vet_late": vet_late, "vet_open": vet_open, "road": road, "waiting": waiting, "done": done}


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


def linked(html, url, number):
    return f'href="{url.replace("&", "&amp;")}">{number}</a>' in html or re.search(
        rf'href="{re.escape(url.replace("&", "&amp;"))}"><strong[^>]*>{number}</strong>', html
    )


@pytest.mark.django_db
def test_the_call_centre_sees_cases_due_and_overdue_by_directorate(client, clerk, register, veterinary, works):
    response = dashboard(client, clerk)
    assert [panel.name for panel in response.context["panels"]] == ["call_centre"]
    assert response.context["site_summary"].summary_items == []
    rows = {row.label: row for row in response.context["panels"][0].get_context_data()["rows"]}
    assert (rows[veterinary.name].open, rows[veterinary.name].soon, rows[veterinary.name].overdue) == (2, 0, 1)
    assert (rows[works.name].open, rows[works.name].soon, rows[works.name].overdue) == (1, 1, 0)
    assert rows["Yönlendirilmemiş"].open == 1
    html = response.content.decode()
    assert linked(html, f"/admin/cases/?deadline=overdue&directorate={veterinary.pk}", 1)
    assert linked(html, f"/admin/cases/?deadline=soon&directorate={works.pk}", 1)
    assert linked(html, f"/admin/cases/?progress=open&directorate={veterinary.pk}", 2)
    assert "/admin/cases/add/" in html


@pytest.mark.django_db
def test_every_number_leads_to_the_list_it_counts(client, clerk, register, veterinary):
    client.force_login(clerk)
    listed = client.get(f"/admin/cases/?progress=open&directorate={veterinary.pk}").context["object_list"]
    assert {case.pk for case in listed} == {register["vet_late"].pk, register["vet_open"].pk}
    overdue = client.get(f"/admin/cases/?deadline=overdue&directorate={veterinary.pk}").context["object_list"]
    assert [case.pk for case in overdue] == [register["vet_late"].pk]
    waiting = client.get("/admin/cases/?progress=open&directorate=null").context["object_list"]
    assert [case.pk for case in waiting] == [register["waiting"].pk]


@pytest.mark.django_db
def test_a_directorate_sees_its_own_open_cases_and_never_anothers(
    client, register, vet_staff, works_staff, veterinary, works
):
    response = dashboard(client, vet_staff)
    assert [panel.name for panel in response.context["panels"]] == [f"directorate_{veterinary.pk}"]
    html = response.content.decode()
    for mine in ("vet_late", "vet_open"):
        assert register[mine].display_number in html
    for other in ("road", "waiting", "done"):
        assert register[other].display_number not in html
    assert linked(html, f"/admin/cases/?deadline=overdue&directorate={veterinary.pk}", 1)
    assert works.name not in html

    html = dashboard(client, works_staff).content.decode()
    assert register["road"].display_number in html
    assert register["vet_late"].display_number not in html and veterinary.name not in html


@pytest.mark.django_db
def test_the_dashboards_take_the_same_queries_for_few_and_many_cases(
    client, clerk, vet_staff, make_case, veterinary, django_assert_max_num_queries
):
    def counted(user):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    cases.route(make_case(description="Bir."), veterinary)
    few = {user.pk: counted(user) for user in (clerk, vet_staff)}
    for number in range(15):
        cases.route(make_case(description=f"Başvuru {number}."), veterinary)
    for user in (clerk, vet_staff):
        client.force_login(user)
        with django_assert_max_num_queries(few[user.pk]):
            assert client.get("/admin/").status_code == 200
