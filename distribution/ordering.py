"""The order in which a courier walks a route, and how a long list becomes routes.

Stops with coordinates are put in walking order by a short open walk (the courier
does not come back to the first stop); stops without coordinates follow in street
and door-number order. Everything here is plain Python, deterministic and free
of Django, so route planning, its tests and the benchmark use it without a database.
"""

import math
import re
from collections import deque

from places import turkish

EARTH_RADIUS = 6_371_000  # metres
# Gains below a micrometre are rounding noise; accepting them could swap two
# equally long walks back and forth forever.
EPSILON = 1e-9
# Or-opt moves runs of up to this many consecutive stops to a better place.
SEGMENT = 3
# After the first local search, the walk is kicked and searched again this many
# times per stop: half a round per stop came within 2 % of OR-Tools on each of 20
# routes of 100 stops, 0.4 % shorter on average (bench/routes_ordering.py).
KICKS_PER_STOP = 0.5
GOLDEN = (math.sqrt(5) - 1) / 2


def distance(a, b):
    """Great-circle (haversine) distance in metres between two (latitude, longitude) pairs."""
    lat1, lon1 = (math.radians(float(value)) for value in a)
    lat2, lon2 = (math.radians(float(value)) for value in b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(h)))


def path_length(points, order):
    """Metres of the open walk through `points[i]` for each i in `order`, without returning to the start."""
    return sum(distance(points[i], points[j]) for i, j in zip(order, order[1:], strict=False))


def walking_order(points, start=None, kicks_per_stop=KICKS_PER_STOP):
    """Indices of `points` (latitude, longitude pairs) in the order of a short open walk.

    The walk is built by going to the nearest stop not yet visited, then shortened
    by 2-opt (reversing a stretch of the walk) and Or-opt (moving one to three
    consecutive stops elsewhere) until neither helps, then by rounds of kicking
    it (swapping two stretches) and shortening it again, keeping what is shorter.
    With `start` the walk begins at that index and may end anywhere; without it
    both ends are free, the first walk starts at the stop furthest north-west
    (largest latitude minus longitude) and the result is given in the direction
    that begins at its more north-westerly end. The same points give the same
    walk, in whatever order they are listed (except between stops at the same spot).

    `kicks_per_stop=0` stops after the first local search: quicker, for a rough
    order that is cut into routes and refined route by route.

    Meant for one route (up to a few hundred stops): it holds all the distances
    between its stops, so time and memory grow with the square of their number.
    """
    count = len(points)
    if start is not None and not 0 <= start < count:
        raise IndexError(f"start {start} is not one of the {count} points")
    if count < 3:
        order = list(range(count))
        if start == 1 or (start is None and count == 2 and _north_west(points, 1) < _north_west(points, 0)):
            order.reverse()
        return order

    dist = _distances(points)
    # A stop at distance zero from every stop closes the open walk into a cycle,
    # so that the walk's two ends are free to change like any other link.
    depot = count
    for row in dist:
        row.append(0.0)
    dist.append([0.0] * (count + 1))
    neighbours = [sorted(range(count + 1), key=row.__getitem__) for row in dist]
    for index, row in enumerate(neighbours):
        row.remove(index)

    first = start if start is not None else min(range(count), key=lambda index: _north_west(points, index))
    tour = [depot, *_nearest_neighbour(dist, first, count)]
    _shorten(tour, dist, neighbours, -1 if start is None else start, int(kicks_per_stop * count))
    at = tour.index(depot)
    order = tour[at + 1 :] + tour[:at]
    # The cycle may have come out either way round.
    if order[-1] == start or (start is None and _north_west(points, order[-1]) < _north_west(points, order[0])):
        order.reverse()
    return order


def address_key(street, building_no, door_no=""):
    """A sort key for a stop without coordinates: street, then building and door number.

    Streets are in Turkish alphabetical order ("Cami Sokak", "Çınar Sokak", "Dede
    Sokak"); numbers in natural order ("2" < "2A" < "2B" < "10" < "10/1"), with
    suffixes in Turkish order ("5C" < "5Ç"), a leading "No:" ignored, a blank
    number first and numbers that do not start with a digit after all others.
    """
    return turkish.sort_key(street), _natural(building_no), _natural(door_no)


def order_stops(stops, point, address, kicks_per_stop=KICKS_PER_STOP):
    """A new list of `stops` in walking order.

    `point(stop)` gives its (latitude, longitude) or None, `address(stop)` its
    (street, building number, door number). Stops with coordinates come first, in
    `walking_order`; those without follow in `address_key` order: where they fall
    in the walk is unknown, so they are left for the end, street by street.
    """
    stops = list(stops)
    located, points, unlocated = [], [], []
    for stop in stops:
        where = point(stop)
        if where is None:
            unlocated.append(stop)
        else:
            located.append(stop)
            points.append(where)
    walked = [located[index] for index in walking_order(points, kicks_per_stop=kicks_per_stop)]
    return walked + sorted(unlocated, key=lambda stop: address_key(*address(stop)))


def split(stops, max_stops=None, max_copies=None, quantity=lambda stop: 1):
    """Cut an ordered list of stops into consecutive routes, keeping their order.

    No route has more than `max_stops` stops or more than `max_copies` copies in
    all (`quantity(stop)` copies each), except that a stop needing more copies
    than `max_copies` on its own makes a route by itself. Copies are filled
    greedily (a route is closed when the next stop would not fit); the stop limit
    then cuts each of those routes into as few pieces as it needs, of sizes that
    differ by one at most (101 stops by 50 give 34, 34 and 33, not 50, 50 and 1).
    """
    stops = list(stops)
    if max_stops is not None and max_stops < 1:
        raise ValueError("max_stops must be at least 1")
    if not stops:
        return []
    groups = [stops]
    if max_copies is not None:
        groups, total = [], 0
        for stop in stops:
            copies = quantity(stop)
            if not groups or total + copies > max_copies:
                groups.append([])
                total = 0
            groups[-1].append(stop)
            total += copies
    if max_stops is None:
        return groups
    routes = []
    for group in groups:
        pieces = -(-len(group) // max_stops)
        size, longer = divmod(len(group), pieces)
        at = 0
        for piece in range(pieces):
            end = at + size + (piece < longer)
            routes.append(group[at:end])
            at = end
    return routes


def _distances(points):
    """The matrix of haversine distances, through the chord between unit vectors (the same formula, faster)."""
    vectors = []
    for lat, lon in points:
        lat, lon = math.radians(float(lat)), math.radians(float(lon))
        vectors.append((math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)))
    asin, chord, diameter = math.asin, math.dist, 2 * EARTH_RADIUS
    count = len(vectors)
    matrix = [[0.0] * count for _ in vectors]
    for i, v in enumerate(vectors):
        row = matrix[i]
        for j in range(i + 1, count):
            half = chord(v, vectors[j]) / 2
            row[j] = matrix[j][i] = diameter * asin(half if half < 1 else 1.0)
    return matrix


def _north_west(points, index):
    """A sort key putting the stop furthest north-west (largest latitude minus longitude) first, ties by index."""
    lat, lon = points[index]
    return float(lon) - float(lat), index


def _nearest_neighbour(dist, first, count):
    """A walk from `first` that always goes on to the nearest stop not yet visited (the lower index on a tie)."""
    walk = [first]
    remaining = [index for index in range(count) if index != first]
    while remaining:
        nearest = min(remaining, key=dist[walk[-1]].__getitem__)
        remaining.remove(nearest)
        walk.append(nearest)
    return walk


def _shorten(tour, dist, neighbours, pinned, kicks):
    """Shorten the cyclic `tour` in place: local search, then `kicks` rounds of kick and search again.

    The local search makes 2-opt and Or-opt moves until none helps; it only tries
    moves that link a stop to one of its nearer neighbours, and only around stops
    whose links changed since they were last looked at. A kick swaps two
    neighbouring stretches of the walk (a double bridge, which those moves cannot
    undo), the search settles again around the three new links, and the result
    is kept if it is shorter. Kicks fall at places and lengths given by the golden
    ratio, so the same tour is always kicked the same way.
    The link between the last node (the zero-distance depot) and `pinned` is
    never broken, so a walk given a start keeps it.
    """
    size = len(tour)
    depot = size - 1
    position = [0] * size

    def place():
        for at, node in enumerate(tour):
            position[node] = at

    pinning = pinned >= 0
    longest_segment = min(SEGMENT, size - 3)

    def fixed(x, y):
        return (x == pinned and y == depot) or (x == depot and y == pinned)

    def reverse(first, last):
        """Reverse the stretch of the tour going forward from node `first` to node `last`."""
        i, j = position[first], position[last]
        if i > j:  # the stretch wraps around the list's end: reversing the rest of the cycle is the same move
            i, j = j + 1, i - 1
        tour[i : j + 1] = tour[i : j + 1][::-1]
        for at in range(i, j + 1):
            position[tour[at]] = at

    def two_opt(a):
        row = dist[a]
        for forward in (True, False):
            b = tour[position[a] + 1 - size] if forward else tour[position[a] - 1]
            ab = row[b]
            for c in neighbours[a]:
                gain = ab - row[c]
                if gain <= EPSILON:
                    break
                d = tour[position[c] + 1 - size] if forward else tour[position[c] - 1]
                if c == b or d == a or gain + dist[c][d] - dist[b][d] <= EPSILON:
                    continue
                if pinning and (fixed(a, b) or fixed(c, d)):
                    continue
                if forward:
                    reverse(b, c)
                else:
                    reverse(c, b)
                return a, b, c, d
        return None

    def or_opt(a):
        if a == depot:
            return None
        for forward in (True, False):
            segment = [a]
            for length in range(1, longest_segment + 1):
                if length > 1:
                    if forward:
                        segment.append(tour[position[segment[-1]] + 1 - size])
                    else:
                        segment.insert(0, tour[position[segment[0]] - 1])
                    if depot in segment:
                        break
                elif not forward:
                    continue  # one stop is the same segment either way
                s1, s2 = segment[0], segment[-1]
                p, n = tour[position[s1] - 1], tour[position[s2] + 1 - size]
                removed = dist[p][s1] + dist[s2][n] - dist[p][n]
                for end, other in ((s1, s2), (s2, s1)) if length > 1 else ((s1, s2),):
                    row, other_row = dist[end], dist[other]
                    for c in neighbours[end]:
                        # Inserting costs row[c] + other_row[e] - dist[c][e] and must cost less than `removed`.
                        threshold = row[c] - removed + EPSILON
                        if threshold >= 0:
                            break
                        if c in segment:
                            continue
                        c_row, at = dist[c], position[c]
                        for e in (tour[at + 1 - size], tour[at - 1]):
                            if other_row[e] - c_row[e] >= -threshold or e in segment:
                                continue
                            if pinning and (fixed(p, s1) or fixed(s2, n) or fixed(c, e)):
                                continue
                            move(segment, end, c, e)
                            return p, n, c, e, s1, s2
        return None

    def move(segment, end, c, e):
        """Take `segment` out and put it between the neighbours c and e, `end` next to c."""
        at = position[segment[0]]
        rest = (
            tour[at + len(segment) :] + tour[:at] if at + len(segment) <= size else tour[at + len(segment) - size : at]
        )
        i = rest.index(c)
        if i + 1 < len(rest) and rest[i + 1] == e:
            i, first = i + 1, end
        else:
            first = segment[-1] if end == segment[0] else segment[0]
        tour[:] = rest[:i] + (segment if first == segment[0] else segment[::-1]) + rest[i:]
        place()

    def settle(nodes):
        queue = deque(nodes)
        queued = [False] * size
        for node in nodes:
            queued[node] = True
        while queue:
            a = queue.popleft()
            queued[a] = False
            touched = two_opt(a) or or_opt(a)
            if touched:
                for node in (a, *touched):
                    if not queued[node]:
                        queue.append(node)
                        queued[node] = True

    def length():
        return sum(dist[tour[at - 1]][tour[at]] for at in range(size))

    place()
    settle(tour)
    best, best_length = tour[:], length()
    longest = max(1, (size - 2) // 2)
    for kick in range(1, kicks + 1):
        at = int(kick * GOLDEN % 1 * size)
        first = 1 + int(kick * GOLDEN * GOLDEN % 1 * longest)
        second = 1 + int(kick * GOLDEN * GOLDEN * GOLDEN % 1 * longest)
        tour[:] = tour[at:] + tour[:at]
        links = (tour[-1], tour[0]), (tour[first - 1], tour[first]), (tour[first + second - 1], tour[first + second])
        if pinning and any(fixed(*link) for link in links):
            place()
            continue
        tour[: first + second] = tour[first : first + second] + tour[:first]
        place()
        settle([node for link in links for node in link])
        kicked_length = length()
        if kicked_length < best_length - EPSILON:
            best, best_length = tour[:], kicked_length
        else:
            tour[:] = best
            place()
    tour[:] = best


def _natural(number):
    """Natural order of a building or door number: digits by value, letters in Turkish order."""
    text = re.sub(r"^no\s*[:.]?\s*(?=\d)", "", str(number).strip(), flags=re.IGNORECASE)
    return tuple(
        (0, int(part)) if part.isdigit() else (1, turkish.sort_key(part)) for part in re.findall(r"\d+|\D+", text)
    )
