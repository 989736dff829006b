"""The courier's pages run a fixed number of queries, however many routes and stops they have."""

import pytest

from distribution import planning
from distribution.models import Route, Stop
from places.models import Neighbourhood
from tests.distribution.conftest import recipient
from tests.queries import warm_count


def give_routes(distribution, courier, count):
    """`count` more routes of two stops for `courier` in Çakmak; the first stop of each recorded."""
    place = Neighbourhood.objects.get(name="Çakmak")
    start = Route.objects.filter(distribution=distribution).count()
    for number in range(start + 1, start + count + 1):
        route = Route.objects.create(distribution=distribution, number=number, neighbourhood=place, courier=courier)
        add_stops(route, 2)
        planning.record(route.stops.first(), Stop.Outcome.DELIVERED, courier, received_by="Muhtar")


def add_stops(route, count):
    start = route.stops.count()
    for position in range(start + 1, start + count + 1):
        point = (41.01 + position / 1000, 29.13) if position % 2 else None
        found = recipient("Çakmak", f"Çakmak Derneği {route.number}-{position}", number=str(position), point=point)
        Stop.objects.create(route=route, recipient=found, position=position, quantity=2)


@pytest.mark.django_db
def test_the_couriers_routes_queries_do_not_grow_with_routes(
    client, courier, distribution, django_assert_max_num_queries
):
    client.force_login(courier)
    give_routes(distribution, courier, 2)
    few, _page = warm_count(client, "/cozum-postasi/", django_assert_max_num_queries, 15)
    give_routes(distribution, courier, 10)
    _many, page = warm_count(client, "/cozum-postasi/", django_assert_max_num_queries, few)
    assert page.count("/cozum-postasi/rota/") >= 12


@pytest.mark.django_db
def test_the_route_page_queries_do_not_grow_with_stops(client, courier, distribution, django_assert_max_num_queries):
    client.force_login(courier)
    give_routes(distribution, courier, 1)
    route = Route.objects.get(distribution=distribution)
    url = f"/cozum-postasi/rota/{route.token}/"
    few, _page = warm_count(client, url, django_assert_max_num_queries, 15)
    add_stops(route, 10)
    _many, page = warm_count(client, url, django_assert_max_num_queries, few)
    assert f"Çakmak Derneği {route.number}-12" in page
