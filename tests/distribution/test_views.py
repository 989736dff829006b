import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assemblies.coordinators import ensure_coordinator_group
from distribution import planning
from distribution.models import Stop


@pytest.fixture
def routes(distribution, courier):
    built = list(planning.build_routes(distribution))
    for route in built:
        route.courier = courier
        route.save()
    return built


def test_the_courier_records_each_stop_from_the_routes_page(client, routes, courier, django_assert_max_num_queries):
    route = routes[0]
    client.force_login(courier)
    url = reverse("distribution:route", args=[route.token])
    with django_assert_max_num_queries(30):  # the page frame (menus, settings) and three for the route
        page = client.get(url)
    assert page.status_code == 200 and "Çakmak" in page.content.decode()
    first, second = route.stops.all()
    answer = client.post(
        url,
        {"stop": first.pk, f"stop{first.pk}-outcome": "delivered", f"stop{first.pk}-received_by": "Ayten Hanım"},
    )
    assert answer.status_code == 302
    first.refresh_from_db()
    assert (first.outcome, first.received_by, first.recorded_by) == (Stop.Outcome.DELIVERED, "Ayten Hanım", courier)
    refused = client.post(url, {"stop": second.pk, f"stop{second.pk}-outcome": "somewhere"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    second.refresh_from_db()
    assert second.outcome == Stop.Outcome.PENDING


def test_only_the_team_sees_routes_and_distributions(client, routes, distribution, user, assembly):
    route_page = reverse("distribution:route", args=[routes[0].token])
    assert client.get(route_page).status_code == 302  # signed out: to the sign-in page
    client.force_login(user)  # a citizen
    assert client.get(route_page).status_code == 404
    coordinator = user
    coordinator.groups.add(ensure_coordinator_group(assembly))  # an assembly's coordinator, in the admin
    for url in [
        route_page,
        reverse("distribution_plan", args=[distribution.pk]),
        reverse("distribution_sheets", args=[distribution.pk]),
        reverse("distribution_labels", args=[distribution.pk]),
        reverse("wagtailsnippets_distribution_recipient:list"),
    ]:
        assert client.get(url).status_code in {302, 403, 404}, url
    assert client.post(reverse("distribution_build", args=[distribution.pk])).status_code in {302, 403}
    assert Stop.objects.filter(route__distribution=distribution).count() == 7  # nothing rebuilt or lost


def test_the_coordinator_plans_builds_and_prints(
    client, distribution, coordinator, courier, django_assert_max_num_queries
):
    client.force_login(coordinator)
    plan = reverse("distribution_plan", args=[distribution.pk])
    page = client.get(plan).content.decode()
    assert "Çakmak" in page and "İnkılap" in page and "22" in page  # 7 recipients, 22 copies in all
    assert client.post(reverse("distribution_build", args=[distribution.pk])).status_code == 302
    with django_assert_max_num_queries(25):
        page = client.get(plan)
    assert page.status_code == 200 and "Rota 5" in page.content.decode() or "Route 5" in page.content.decode()

    route = distribution.routes.get(number=1)
    answer = client.post(reverse("distribution_assign", args=[distribution.pk]), {f"route_{route.pk}": courier.pk})
    assert answer.status_code == 302
    route.refresh_from_db()
    assert route.courier == courier

    sheets = client.get(reverse("distribution_sheets", args=[distribution.pk]))
    assert sheets["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(sheets.content)).pages).split())
    assert "Çakmak Mahallesi Muhtarlığı" in text and "Ihlamurkuyu Camii" in text
    labels = client.get(reverse("distribution_labels", args=[distribution.pk]) + "?layout=3x8")
    assert labels["Content-Type"] == "application/pdf" and len(PdfReader(io.BytesIO(labels.content)).pages) == 1


def test_a_signed_paper_sheet_is_typed_in_by_the_coordinator(client, routes, coordinator):
    route = routes[0]
    first, second = route.stops.all()
    client.force_login(coordinator)
    url = reverse("distribution_record", args=[route.pk])
    assert client.get(url).status_code == 200
    client.post(
        url, {f"outcome_{first.pk}": "refused", f"note_{first.pk}": "İstemedi", f"outcome_{second.pk}": "pending"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.outcome, first.note, first.recorded_by) == (Stop.Outcome.REFUSED, "İstemedi", coordinator)
    assert second.outcome == Stop.Outcome.PENDING and second.recorded_at is None


def test_a_coordinator_moves_a_stop_and_the_order_is_kept(client, routes, coordinator, distribution):
    route = routes[0]
    first, second = route.stops.all()
    client.force_login(coordinator)
    url = reverse("distribution_reorder", args=[route.pk])
    wrong = client.post(url, {f"position_{first.pk}": "ikinci", f"position_{second.pk}": "1"})
    assert wrong.status_code == 200 and list(route.stops.all()) == [first, second]
    client.post(url, {f"position_{first.pk}": "3", f"position_{second.pk}": "1"})
    route.refresh_from_db()
    assert route.order_locked and list(route.stops.all()) == [second, first]
    planning.build_routes(distribution)
    assert list(route.stops.all()) == [second, first]


def test_printing_before_the_routes_are_built_explains_instead_of_an_empty_pdf(client, distribution, coordinator):
    client.force_login(coordinator)
    plan = reverse("distribution_plan", args=[distribution.pk])
    for url in [
        reverse("distribution_sheets", args=[distribution.pk]),
        reverse("distribution_labels", args=[distribution.pk]),
    ]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == plan and response["Content-Type"].startswith("text/html")
        assert len(list(response.context["messages"])) == 1


def test_the_route_sheets_take_the_same_queries_for_any_number_of_routes(
    client, routes, coordinator, distribution, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):  # 5 routes here: a query per route would need 14
        assert client.get(reverse("distribution_sheets", args=[distribution.pk])).status_code == 200


def _sheet_text(response):
    assert response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())


def test_the_plan_draws_a_courier_choice_for_each_route_and_the_sheet_names_the_courier(
    client, distribution, coordinator, courier
):
    routes = list(planning.build_routes(distribution))
    client.force_login(coordinator)
    plan = reverse("distribution_plan", args=[distribution.pk])
    page = client.get(plan).content.decode()
    choices = re.findall(r'<select name="(route_\d+)"', page)
    assert sorted(choices) == sorted(f"route_{route.pk}" for route in routes)
    assert f'<option value="{courier.pk}">Murat Çelik</option>' in page

    # What the person does: choose the courier in the first route's drop-down and save.
    answer = client.post(reverse("distribution_assign", args=[distribution.pk]), {choices[0]: courier.pk}, follow=True)
    assert [str(message) for message in answer.context["messages"]] == ["1 rotanın kuryesi kaydedildi."]
    first = distribution.routes.get(pk=choices[0].removeprefix("route_"))
    assert first.courier == courier
    assert f'<option value="{courier.pk}" selected>Murat Çelik</option>' in answer.content.decode()
    sheet = _sheet_text(client.get(reverse("distribution_sheets", args=[distribution.pk]) + f"?route={first.pk}"))
    assert "Kurye: Murat Çelik" in sheet and "Kültür Bülteni Aralık 2026" in sheet


def test_saving_couriers_never_erases_a_route_missing_from_the_form(client, routes, distribution, coordinator, courier):
    client.force_login(coordinator)
    assign = reverse("distribution_assign", args=[distribution.pk])
    first, second = routes[0], routes[1]
    answer = client.post(assign, {f"route_{second.pk}": ""}, follow=True)
    assert [str(message) for message in answer.context["messages"]] == ["1 rotanın kuryesi kaydedildi."]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.courier == courier and second.courier is None

    # Nothing sent, or nothing different: the routes keep their couriers and nobody is told "saved".
    for data in [{}, {f"route_{first.pk}": courier.pk}]:
        answer = client.post(assign, data, follow=True)
        assert [str(message) for message in answer.context["messages"]] == ["Hiçbir kurye değişmedi."]
    assert distribution.routes.filter(courier=courier).count() == len(routes) - 1


def test_the_routes_table_speaks_of_routes_and_deliveries_and_offers_a_follow_up_only_after_nobody_was_there(
    client, routes, distribution, coordinator, courier
):
    client.force_login(coordinator)
    plan = reverse("distribution_plan", args=[distribution.pk])
    page = client.get(plan).content.decode()
    assert '<th scope="col">Rota</th>' in page and '<th scope="col">Teslim edildi</th>' in page
    assert "Yönlendir" not in page and "Aktarıldı" not in page
    assert "tekrar rotası" not in page  # nothing visited yet

    first, second = routes[0].stops.all()
    planning.record(first, Stop.Outcome.DELIVERED, courier)
    page = client.get(plan).content.decode()
    assert "tekrar rotası" not in page
    planning.record(second, Stop.Outcome.NOBODY, courier)
    page = client.get(plan).content.decode()
    assert page.count("tekrar rotası") == 1
    record = client.get(reverse("distribution_record", args=[routes[0].pk])).content.decode()
    assert ">Teslim edildi</option>" in record and "Aktarıldı" not in record


def test_a_sheet_printed_before_its_route_has_a_courier_says_so(client, distribution, coordinator):
    route = planning.build_routes(distribution).order_by("number").first()
    client.force_login(coordinator)
    sheet = _sheet_text(client.get(reverse("distribution_sheets", args=[distribution.pk]) + f"?route={route.pk}"))
    assert "Kurye: Atanmamış" in sheet
