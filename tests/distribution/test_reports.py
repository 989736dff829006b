import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from distribution import planning
from distribution.models import Stop

REPORTS = reverse("distribution_reports")


def test_deliveries_per_publication_neighbourhood_and_courier(
    client, distribution, coordinator, courier, django_assert_max_num_queries
):
    routes = list(planning.build_routes(distribution))
    for route in routes:
        route.courier = courier
        route.save()
    cakmak = routes[0]
    first, second = cakmak.stops.all()  # 2 and 10 copies (the school)
    planning.record(first, Stop.Outcome.DELIVERED, courier)
    planning.record(second, Stop.Outcome.NOBODY, courier)
    again = planning.follow_up(cakmak).stops.get()
    planning.record(again, Stop.Outcome.DELIVERED, coordinator)
    inkilap = routes[3].stops.first()
    planning.record(inkilap, Stop.Outcome.DELIVERED, courier)

    client.force_login(coordinator)
    year = {"year": distribution.date.year}
    with django_assert_max_num_queries(20):
        page = client.get(REPORTS, year)
    report = page.context["report"]
    copies = first.quantity + second.quantity + inkilap.quantity
    assert report.total == copies
    publication = report.table("publications").rows[0]
    # 7 recipients, 3 reached: two at the first visit (2 of 7 first visits delivered = 28.6 %).
    assert publication == ("Kültür Bülteni Aralık 2026", copies, 22, 7, 28.6)
    places = report.table("neighbourhoods").rows
    assert [row[0] for row in places] == ["Çakmak", "Ihlamurkuyu", "İnkılap"]
    assert places[0][1:3] == (first.quantity + second.quantity, 2)
    assert report.table("couriers").rows == [("Murat Çelik", copies, 3, 4)]

    excel = client.get(REPORTS, {**year, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(excel.content)).worksheets[0]
    assert [cell.value for cell in sheet[4]][:2] == ["Kültür Bülteni Aralık 2026", copies]
    empty = client.get(REPORTS, {"start": "2001-01-01", "end": "2001-12-31"}).context["report"]
    assert empty.total == 0 and datetime.date(2001, 1, 1) == empty.start


def test_only_the_team_sees_the_deliveries(client, user, distribution):
    client.force_login(user)
    assert client.get(REPORTS).status_code in {302, 403}


def test_a_route_without_a_courier_is_reported_as_not_assigned(client, distribution, coordinator, courier):
    routes = list(planning.build_routes(distribution))
    routes[0].courier = courier
    routes[0].save()
    planning.record(routes[0].stops.first(), Stop.Outcome.DELIVERED, courier)
    planning.record(routes[1].stops.first(), Stop.Outcome.DELIVERED, coordinator)  # a route nobody was given
    client.force_login(coordinator)
    page = client.get(REPORTS, {"year": distribution.date.year})
    names = [row[0] for row in page.context["report"].table("couriers").rows]
    assert names == ["Atanmamış", "Murat Çelik"]
    assert "None" not in page.content.decode()
