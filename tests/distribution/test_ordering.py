import itertools
import random
from decimal import Decimal

import pytest

from distribution.ordering import address_key, distance, order_stops, path_length, split, walking_order

TOWN_HALL = (41.0166, 29.1244)  # Ümraniye Belediyesi
CAMLICA = (41.0271, 29.0697)


def scattered(count, seed):
    """`count` points spread over Ümraniye, always the same for the same seed."""
    rng = random.Random(seed)
    return [(rng.uniform(40.99, 41.06), rng.uniform(29.08, 29.18)) for _ in range(count)]


def nearest_neighbour_length(points, start):
    """The length of the walk that always goes on to the nearest stop not yet visited."""
    walk, remaining = [start], set(range(len(points))) - {start}
    while remaining:
        nearest = min(remaining, key=lambda index: distance(points[walk[-1]], points[index]))
        remaining.remove(nearest)
        walk.append(nearest)
    return path_length(points, walk)


def test_distance_from_the_town_hall_to_camlica_is_the_great_circle_distance():
    # 0.0105° of latitude (1,167 m) and 0.0547° of longitude at 41° N (4,589 m).
    assert distance(TOWN_HALL, CAMLICA) == pytest.approx(4_735, rel=0.01)
    assert distance(CAMLICA, TOWN_HALL) == pytest.approx(distance(TOWN_HALL, CAMLICA))
    assert distance(TOWN_HALL, TOWN_HALL) == 0


def test_distance_accepts_the_decimals_a_model_field_gives():
    decimals = tuple(Decimal(str(value)) for value in TOWN_HALL), tuple(Decimal(str(value)) for value in CAMLICA)
    assert distance(*decimals) == pytest.approx(distance(TOWN_HALL, CAMLICA))


def test_path_length_is_an_open_walk_in_the_given_order():
    points = [TOWN_HALL, CAMLICA, (41.0166, 29.0697)]
    assert path_length(points, [0, 2, 1]) == pytest.approx(
        distance(TOWN_HALL, points[2]) + distance(points[2], CAMLICA)
    )
    assert path_length(points, [1]) == 0
    assert path_length(points, []) == 0


def test_stops_along_one_street_given_in_zigzag_are_walked_from_one_end_to_the_other():
    street = [(41.02, 29.10 + step * 0.001) for step in (0, 9, 1, 8, 2, 7, 3, 6, 4, 5)]
    order = walking_order(street)
    # Both directions are as short; the walk starts at the north-western (here: western) end.
    assert [street[index][1] for index in order] == sorted(point[1] for point in street)


def test_a_crossing_in_the_nearest_neighbour_walk_is_removed():
    # Blocks 0.001° apart: from A the nearest stop is always B, E, D, then C far
    # away, and the link D-C crosses B-E. Walking A D E B C crosses nothing.
    a, b, c, d, e = (41.000, 29.100), (41.000, 29.101), (41.000, 29.103), (41.001, 29.100), (41.001, 29.101)
    points = [a, b, c, d, e]
    assert walking_order(points, start=0) == [0, 3, 4, 1, 2]
    assert path_length(points, [0, 3, 4, 1, 2]) < nearest_neighbour_length(points, 0)


@pytest.mark.parametrize("seed", range(3))
def test_a_short_route_is_walked_in_the_shortest_order(seed):
    points = scattered(7, seed)
    shortest = min(path_length(points, order) for order in itertools.permutations(range(7)))
    assert path_length(points, walking_order(points)) == pytest.approx(shortest)


@pytest.mark.parametrize("seed", range(5))
def test_the_walk_is_never_longer_than_going_to_the_nearest_stop_each_time(seed):
    points = scattered(60, seed)
    for start in (0, 17, 59):
        order = walking_order(points, start=start)
        assert order[0] == start
        assert sorted(order) == list(range(60))
        assert path_length(points, order) <= nearest_neighbour_length(points, start) + 1e-6


def test_a_grid_of_buildings_is_walked_without_detours():
    # 5 rows of 6 blocks, 0.001° apart: about 84 m east-west and 111 m north-south.
    # The shortest walk goes along each row and up to the next: 25 short steps, 4 long.
    rows = [[(41.0 + row * 0.001, 29.1 + column * 0.001) for column in range(6)] for row in range(5)]
    shortest = sum(5 * distance(row[0], row[1]) for row in rows) + 4 * distance(rows[0][0], rows[1][0])
    grid = [point for row in rows for point in row]
    assert path_length(grid, walking_order(grid)) == pytest.approx(shortest)


def test_the_same_points_give_the_same_walk_in_whatever_order_they_are_listed():
    points = scattered(100, 2020)
    order = walking_order(points)
    assert walking_order(list(points)) == order
    shuffled = list(points)
    random.Random(7).shuffle(shuffled)
    assert [shuffled[index] for index in walking_order(shuffled)] == [points[index] for index in order]
    assert path_length(shuffled, walking_order(shuffled)) == pytest.approx(path_length(points, order))


def test_stops_in_the_same_building_are_visited_one_after_the_other():
    points = scattered(30, 5)
    points[20] = points[3]
    points[27] = points[3]
    order = walking_order(points)
    at = sorted(order.index(index) for index in (3, 20, 27))
    assert at == list(range(at[0], at[0] + 3))


def test_walking_order_handles_routes_of_no_one_or_two_stops():
    assert walking_order([]) == []
    assert walking_order([TOWN_HALL]) == [0]
    assert walking_order([TOWN_HALL, CAMLICA]) == [1, 0]  # Çamlıca is further north-west
    assert walking_order([TOWN_HALL, CAMLICA], start=0) == [0, 1]
    with pytest.raises(IndexError):
        walking_order([TOWN_HALL], start=1)


def test_building_numbers_sort_naturally():
    numbers = ["10/1", "2B", "Yok", "10", "2", "No: 3", "2A"]
    assert sorted(numbers, key=lambda number: address_key("Cami Sokak", number)) == [
        "2",
        "2A",
        "2B",
        "No: 3",
        "10",
        "10/1",
        "Yok",
    ]


def test_letters_after_a_number_are_in_turkish_order():
    numbers = ["5D", "5Ç", "5C", "5I", "5İ"]
    assert sorted(numbers, key=lambda number: address_key("Cami Sokak", number)) == ["5C", "5Ç", "5D", "5I", "5İ"]


def test_streets_are_in_turkish_alphabetical_order_then_numbers_then_doors():
    addresses = [
        ("Dede Sokak", "1", ""),
        ("İnkılap Caddesi", "1", ""),
        ("Çınar Sokak", "4", "12"),
        ("Ihlamur Sokak", "1", ""),
        ("Çınar Sokak", "4", "3"),
        ("Cami Sokak", "40", ""),
        ("Çınar Sokak", "2", ""),
    ]
    assert sorted(addresses, key=lambda address: address_key(*address)) == [
        ("Cami Sokak", "40", ""),
        ("Çınar Sokak", "2", ""),
        ("Çınar Sokak", "4", "3"),
        ("Çınar Sokak", "4", "12"),
        ("Dede Sokak", "1", ""),
        ("Ihlamur Sokak", "1", ""),
        ("İnkılap Caddesi", "1", ""),
    ]


def test_order_stops_walks_the_mapped_stops_then_the_others_by_address():
    points = scattered(12, 3)
    mapped = [{"name": f"mapped {index}", "point": point} for index, point in enumerate(points)]
    unmapped = [
        {"name": "Dede 1", "point": None, "address": ("Dede Sokak", "1", "")},
        {"name": "Çınar 10", "point": None, "address": ("Çınar Sokak", "10", "")},
        {"name": "Çınar 2", "point": None, "address": ("Çınar Sokak", "2", "")},
    ]
    stops = [unmapped[0], *mapped[:6], unmapped[1], *mapped[6:], unmapped[2]]
    given = list(stops)
    ordered = order_stops(stops, point=lambda stop: stop["point"], address=lambda stop: stop["address"])
    assert ordered[:12] == [mapped[index] for index in walking_order(points)]
    assert [stop["name"] for stop in ordered[12:]] == ["Çınar 2", "Çınar 10", "Dede 1"]
    assert stops == given  # the caller's list is left as it was


def test_order_stops_is_the_same_every_time_with_the_decimals_a_model_gives():
    points = [(Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")) for lat, lon in scattered(40, 4)]
    stops = [{"point": point, "address": ("Cami Sokak", str(index), "")} for index, point in enumerate(points)]
    stops += [{"point": None, "address": ("Cami Sokak", str(index), "")} for index in range(5)]
    first = order_stops(stops, point=lambda stop: stop["point"], address=lambda stop: stop["address"])
    assert order_stops(stops, point=lambda stop: stop["point"], address=lambda stop: stop["address"]) == first


def test_split_by_stops_makes_routes_of_nearly_equal_size_in_order():
    stops = list(range(101))
    routes = split(stops, max_stops=50)
    assert [len(route) for route in routes] == [34, 34, 33]
    assert [stop for route in routes for stop in route] == stops
    assert [len(route) for route in split(stops[:100], max_stops=50)] == [50, 50]


def test_split_by_copies_closes_a_route_when_the_next_stop_would_not_fit():
    copies = {"a": 30, "b": 30, "c": 50, "d": 10, "e": 40, "f": 5}
    routes = split(list(copies), max_copies=100, quantity=copies.get)
    assert routes == [["a", "b"], ["c", "d", "e"], ["f"]]
    assert all(sum(copies[stop] for stop in route) <= 100 for route in routes)


def test_a_stop_needing_more_copies_than_a_route_carries_goes_alone():
    copies = {"school": 10, "hospital": 250, "muhtarlık": 5, "library": 20}
    routes = split(list(copies), max_copies=100, quantity=copies.get)
    assert routes == [["school"], ["hospital"], ["muhtarlık", "library"]]


def test_split_respects_both_limits_at_once():
    stops = list(range(30))
    routes = split(stops, max_stops=7, max_copies=40, quantity=lambda stop: 2)
    assert [len(route) for route in routes] == [7, 7, 6, 5, 5]
    assert all(len(route) <= 7 and 2 * len(route) <= 40 for route in routes)
    assert [stop for route in routes for stop in route] == stops


def test_split_without_limits_keeps_one_route():
    assert split(["a", "b", "c"]) == [["a", "b", "c"]]
    assert split([]) == []
    assert split([], max_stops=10, max_copies=10) == []
