"""The route's map on the courier's phone: the stops in walking order, those without coordinates named instead."""

import json
import re

import pytest
from django.urls import reverse

from distribution import planning
from distribution.models import Recipient, Stop
from tests.distribution.test_courier import walker  # noqa: F401  (the courier in the couriers' group)


@pytest.fixture
def long_route(distribution, walker):  # noqa: F811
    """Çakmak's three recipients on one route, its middle stop without coordinates."""
    distribution.max_stops = 10
    distribution.save()
    route = next(route for route in planning.build_routes(distribution) if route.neighbourhood.name == "Çakmak")
    route.courier = walker
    route.save()
    stops = list(route.stops.order_by("position"))
    assert len(stops) == 3
    Recipient.objects.filter(pk=stops[1].recipient_id).update(latitude=None, longitude=None)
    return route, stops


def map_points(html):
    found = re.search(r'<script id="route-points" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found[1])


def test_the_route_map_numbers_the_stops_in_walking_order(client, long_route, walker):  # noqa: F811
    route, (first, middle, last) = long_route
    planning.record(first, Stop.Outcome.DELIVERED, walker)
    client.force_login(walker)
    html = client.get(reverse("distribution:route", args=[route.token])).content.decode()

    points = map_points(html)
    assert [point["number"] for point in points] == [first.position, last.position]
    assert [point["label"] for point in points] == [first.recipient.name, last.recipient.name]
    assert points[0]["lat"] == float(first.recipient.latitude) and points[0]["lon"] == float(first.recipient.longitude)
    assert [point["url"] for point in points] == [f"#stop-{first.pk}", f"#stop-{last.pk}"]
    assert [point["done"] for point in points] == [True, False]
    assert 'data-points="route-points" data-numbered data-route' in html

    # The stop without coordinates is still on the list, and named under the map, linked to its place in it.
    unmapped = re.search(r'<p class="route-unmapped">(.*?)</p>', html, re.S)[1]
    assert f'<a href="#stop-{middle.pk}">{middle.position}. {middle.recipient.name}</a>' in unmapped
    assert first.recipient.name not in unmapped
    assert f'id="stop-{middle.pk}"' in html


def test_a_route_with_no_coordinates_has_no_map(client, long_route, walker):  # noqa: F811
    route, stops = long_route
    Recipient.objects.filter(pk__in=[stop.recipient_id for stop in stops]).update(latitude=None, longitude=None)
    client.force_login(walker)
    html = client.get(reverse("distribution:route", args=[route.token])).content.decode()
    assert "data-map" not in html and "route-unmapped" not in html
    assert all(stop.recipient.name in html for stop in stops)


def test_another_courier_sees_no_map_of_the_route(client, long_route, coordinator):
    route, _stops = long_route
    from tests.factories import UserFactory

    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("distribution:route", args=[route.token])).status_code == 404
