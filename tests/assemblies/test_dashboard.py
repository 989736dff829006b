"""A coordinator's dashboard: their own assembly's applications, next events and open surveys, nobody else's."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage, Registration
from events.panels import REGISTRATIONS
from surveys.models import Response, SurveyPage
from tests.conftest import publish
from tests.factories import MembershipFactory, UserFactory
from theme import chrome


def add_event(assembly, title, days, capacity=None):
    starts_at = timezone.now() + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        summary="Buluşma.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        registration=EventPage.Registration.SIGNED_IN,
        capacity=capacity,
    )
    assembly.add_child(instance=event)
    return publish(event)


def add_survey(assembly, title):
    survey = SurveyPage(title=title, intro="Görüşünüz.", closes_at=timezone.now() + datetime.timedelta(days=20))
    assembly.add_child(instance=survey)
    return publish(survey)


@pytest.fixture
def work(assemblies):
    """Applications, an event with registrations and a survey with answers in two assemblies."""
    kadin, genclik = assemblies["kadin"], assemblies["genclik"]
    MembershipFactory(assembly=kadin, full_name="Nermin Aksoy")
    MembershipFactory(assembly=kadin, full_name="Sevgi Kara")
    MembershipFactory(assembly=kadin, full_name="Gülay Erdem", state="approved")
    MembershipFactory(assembly=genclik, full_name="Burak Şen")
    workshop = add_event(kadin, "Girişimcilik atölyesi", days=3, capacity=20)
    for number in range(3):
        Registration.objects.create(
            event=workshop, user=UserFactory(), status=Registration.Status.CONFIRMED, code=f"KOD{number}"
        )
    Registration.objects.create(event=workshop, user=UserFactory(), status=Registration.Status.CANCELLED, code="KODX")
    add_event(genclik, "Gençlik kampı", days=5, capacity=40)
    survey = add_survey(kadin, "Kadın Meclisi öncelikleri")
    for number in range(2):
        Response.objects.create(survey=survey, respondent=f"r{number}", submitted_on=timezone.localdate())
    add_survey(genclik, "Gençlerin öncelikleri")
    return {"workshop": workshop, "survey": survey}


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_the_coordinator_starts_the_day_with_their_own_assemblys_work(client, assemblies, work, coordinator):
    response = dashboard(client, coordinator)
    names = [panel.name for panel in response.context["panels"]]
    assert names == [f"assembly_{assemblies['kadin'].pk}", "next_events", "open_surveys"]  # no stock page panels
    assert response.context["site_summary"].summary_items == []
    html = response.content.decode()
    kadin = assemblies["kadin"].pk
    assert f'href="/admin/members/pending/?assembly={kadin}">2</a>' in html
    assert f'href="/admin/members/?assembly={kadin}&amp;state=approved">1</a>' in html
    attendees = f"/admin/events/{work['workshop'].pk}/attendees/"
    assert f'href="{attendees}">3</a>' in html  # registered (the cancelled one does not count)
    assert f'href="{attendees}">17</a>' in html  # places left
    assert "Kadın Meclisi öncelikleri" in html and '/sonuclar/">2</a>' in html
    for other in ("Burak Şen", "Gençlik kampı", "Gençlerin öncelikleri"):
        assert other not in html


@pytest.mark.django_db
def test_two_coordinators_never_see_each_others_numbers(client, assemblies, work, other_coordinator):
    html = dashboard(client, other_coordinator).content.decode()
    assert "Gençlik kampı" in html and "Gençlerin öncelikleri" in html
    assert f'href="/admin/members/pending/?assembly={assemblies["genclik"].pk}">1</a>' in html
    for other in ("Nermin Aksoy", "Sevgi Kara", "Girişimcilik atölyesi", "Kadın Meclisi öncelikleri"):
        assert other not in html
    assert f"assembly={assemblies['kadin'].pk}" not in html


@pytest.mark.django_db
def test_adding_news_an_event_or_a_survey_is_one_click_under_the_own_assembly(client, assemblies, coordinator):
    html = dashboard(client, coordinator).content.decode()
    kadin = assemblies["kadin"].pk
    for app_label, model in [("home", "newspage"), ("events", "eventpage"), ("surveys", "surveypage")]:
        url = f"/admin/pages/add/{app_label}/{model}/{kadin}/"
        assert url in html
        assert client.get(url).status_code == 200
    assert f"/{assemblies['genclik'].pk}/" not in html
    header = client.get(f"/admin/pages/{kadin}/").content.decode()
    assert f"/admin/pages/add/home/newspage/{kadin}/" in header


@pytest.mark.django_db
def test_the_dashboard_takes_the_same_queries_however_much_work_waits(
    client, assemblies, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    kadin = assemblies["kadin"]
    add_event(kadin, "Atölye", days=1, capacity=10)
    add_survey(kadin, "Anket")
    client.get("/admin/")  # the site's root paths, cached from now on
    chrome.bump_records(REGISTRATIONS)  # the table of next events worked out again, as after any registration
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/").status_code == 200
    few = len(few)  # counted now: the next request empties the log the context reads
    MembershipFactory.create_batch(30, assembly=kadin)
    for number in range(6):
        add_event(kadin, f"Atölye {number}", days=number + 1, capacity=10)
        add_survey(kadin, f"Anket {number}")
    client.get("/admin/")
    chrome.bump_records(REGISTRATIONS)
    with django_assert_max_num_queries(few):
        assert client.get("/admin/").status_code == 200
    with django_assert_max_num_queries(few - 3):  # the table kept: neither events nor registrations read
        assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_registration_an_answer_or_a_new_event_shows_on_the_dashboard_at_once(client, assemblies, work, coordinator):
    """The panels' tables are kept in the cache (assemblies.panels.kept_table), never past a change."""
    attendees = f"/admin/events/{work['workshop'].pk}/attendees/"
    html = dashboard(client, coordinator).content.decode()
    assert f'href="{attendees}">3</a>' in html and '/sonuclar/">2</a>' in html
    Registration.objects.create(
        event=work["workshop"], user=UserFactory(), status=Registration.Status.CONFIRMED, code="KOD9"
    )
    Response.objects.create(survey=work["survey"], respondent="r9", submitted_on=timezone.localdate())
    html = dashboard(client, coordinator).content.decode()
    assert f'href="{attendees}">4</a>' in html and f'href="{attendees}">16</a>' in html
    assert '/sonuclar/">3</a>' in html
    add_event(assemblies["kadin"], "Kadın sağlığı söyleşisi", days=2)
    assert "Kadın sağlığı söyleşisi" in dashboard(client, coordinator).content.decode()


@pytest.mark.django_db
def test_administrators_keep_the_combined_view(admin_client, assemblies, work):
    response = admin_client.get("/admin/")
    names = {panel.name for panel in response.context["panels"]}
    assert {"applications_overview", "recent_edits", "call_centre"} <= names
