from distribution import planning
from distribution.models import QuantityOverride, Recipient, Route, Stop


def names(stops):
    return [stop.recipient.name for stop in stops]


def test_the_distribution_chooses_by_list_type_and_neighbourhood_with_copies_per_type(distribution, book):
    lines = dict((recipient.name, copies) for recipient, copies in planning.allocation(distribution))
    assert "Not on the list" not in lines and len(lines) == 7
    assert lines["Çakmak İlkokulu"] == 10 and lines["Yıldız Eczanesi"] == 2

    distribution.kinds = [Recipient.Kind.SCHOOL, Recipient.Kind.MUHTARLIK]
    distribution.save()
    assert sorted(r.name for r, _c in planning.allocation(distribution)) == [
        "Çakmak Mahallesi Muhtarlığı",
        "Çakmak İlkokulu",
    ]


def test_a_single_recipient_can_get_other_copies_or_none(distribution, book):
    pharmacy = Recipient.objects.get(name="Yıldız Eczanesi")
    school = Recipient.objects.get(name="Çakmak İlkokulu")
    QuantityOverride.objects.create(distribution=distribution, recipient=pharmacy, quantity=0)
    QuantityOverride.objects.create(distribution=distribution, recipient=school, quantity=25)
    lines = {recipient: copies for recipient, copies in planning.allocation(distribution)}
    assert pharmacy not in lines and lines[school] == 25


def test_totals_per_neighbourhood_are_in_turkish_order(distribution):
    totals = planning.totals_by_neighbourhood(planning.allocation(distribution))
    assert [(place.name, count, copies) for place, count, copies in totals] == [
        ("Çakmak", 3, 14),
        ("Ihlamurkuyu", 1, 2),
        ("İnkılap", 3, 6),
    ]


def test_routes_stay_in_one_neighbourhood_within_the_limit_and_take_everyone_once(distribution):
    routes = list(planning.build_routes(distribution).prefetch_related("stops__recipient"))
    assert [(route.number, route.neighbourhood.name, route.stops.count()) for route in routes] == [
        (1, "Çakmak", 2),
        (2, "Çakmak", 1),
        (3, "Ihlamurkuyu", 1),
        (4, "İnkılap", 2),
        (5, "İnkılap", 1),
    ]
    stops = Stop.objects.filter(route__distribution=distribution)
    assert stops.count() == 7 and stops.values("recipient").distinct().count() == 7
    # Without positions, İnkılap's stops go by street and number: No 2, 2A, 10.
    inkilap = Stop.objects.filter(route__distribution=distribution, route__neighbourhood__name="İnkılap")
    assert names(inkilap.order_by("route__number", "position")) == [
        "Gül Kırtasiye",
        "İnkılap Aile Sağlığı Merkezi",
        "İnkılap Kültür Derneği",
    ]


def test_building_again_keeps_locked_and_visited_routes(distribution, courier):
    first = list(planning.build_routes(distribution))
    locked, visited = first[0], first[3]
    planning.reorder(locked, list(reversed(list(locked.stops.values_list("pk", flat=True)))))
    planning.record(visited.stops.first(), Stop.Outcome.DELIVERED, courier)
    locked_order = names(locked.stops.all())

    again = list(planning.build_routes(distribution))
    assert locked in again and visited in again and len(again) == 5
    assert names(Route.objects.get(pk=locked.pk).stops.all()) == locked_order
    assert Stop.objects.filter(route__distribution=distribution).count() == 7


def test_a_follow_up_route_takes_the_stops_where_nobody_was_there(distribution, courier):
    route = planning.build_routes(distribution).get(number=1)
    first, second = route.stops.all()
    planning.record(first, Stop.Outcome.DELIVERED, courier, received_by="Ali Bey")
    planning.record(second, Stop.Outcome.NOBODY, courier, note="Kapı kilitli")
    follow = planning.follow_up(route)
    assert follow.follows == route and follow.neighbourhood == route.neighbourhood
    assert [(stop.recipient, stop.visit) for stop in follow.stops.all()] == [(second.recipient, 2)]
    planning.record(follow.stops.get(), Stop.Outcome.DELIVERED, courier)
    assert planning.follow_up(follow) is None
