"""Walking order of distribution routes: speed, and length against OR-Tools.

    .venv/bin/python bench/routes_ordering.py [--routes 5] [--seconds 10]

Places 5,000 stops at pseudo-random points (always the same ones) around 37
neighbourhood centres inside Ümraniye's bounding box, cuts them into 50 routes
of 100 stops, and prints the time `distribution.ordering.walking_order` takes
over all of them (best of 3). Then, for the first `--routes` routes, prints our
walk's length, the length Google OR-Tools' routing solver finds (guided local
search, `--seconds` per route, an open walk through a zero-distance depot, whole
metres) and the gap. Targets: all 50 routes well under 1 s; every gap ≤ 3 %.
OR-Tools is not a project dependency: it is installed into the current
virtualenv on first use (`--no-install` only says how).
"""

import argparse
import importlib
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SOUTH, NORTH, WEST, EAST = 40.99, 41.06, 29.08, 29.18
NEIGHBOURHOODS = 37
STOPS = 5_000
ROUTE = 100


def stops():
    """5,000 (latitude, longitude) points, grouped by neighbourhood as a distribution lists them."""
    rng = random.Random(2020)
    centres = [(rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)) for _ in range(NEIGHBOURHOODS)]
    by_place = [[] for _ in centres]
    for _ in range(STOPS):
        place = rng.randrange(NEIGHBOURHOODS)
        lat, lon = centres[place]
        # About 400 m either way around the centre, as a mahalle is about a kilometre across.
        by_place[place].append(
            (
                min(NORTH, max(SOUTH, rng.gauss(lat, 0.004))),
                min(EAST, max(WEST, rng.gauss(lon, 0.005))),
            )
        )
    return [point for points in by_place for point in points]


def ortools_walk(points, seconds):
    """OR-Tools' open walk through `points`: a depot at distance zero from all, guided local search."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    from distribution.ordering import distance

    metres = [[0] * (len(points) + 1)] + [
        [0] + [round(distance(a, b)) for b in points] for a in points
    ]  # node 0 is the depot
    manager = pywrapcp.RoutingIndexManager(len(metres), 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    callback = routing.RegisterTransitMatrix(metres)
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromSeconds(seconds)
    solution = routing.SolveWithParameters(parameters)
    walk, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        node = manager.IndexToNode(index)
        if node:
            walk.append(node - 1)
        index = solution.Value(routing.NextVar(index))
    return walk


def ortools_available(install):
    try:
        importlib.import_module("ortools")
        return True
    except ImportError:
        pass
    if not install:
        print(f"OR-Tools is not installed: {sys.executable} -m pip install ortools")
        return False
    print("Installing OR-Tools into this virtualenv (for the benchmark only) ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "ortools"], check=True)
    importlib.invalidate_caches()
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=5, help="routes to compare with OR-Tools (0: none)")
    parser.add_argument("--seconds", type=int, default=10, help="OR-Tools' time limit per route")
    parser.add_argument("--no-install", action="store_true", help="do not pip install OR-Tools when missing")
    args = parser.parse_args()

    from distribution.ordering import path_length, split, walking_order

    routes = split(stops(), max_stops=ROUTE)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        walks = [walking_order(points) for points in routes]
        timings.append(time.perf_counter() - started)
    print(f"walking_order: {len(routes)} routes, {sum(map(len, routes)):,} stops: {min(timings) * 1000:.0f} ms")
    single = [point for points in routes[:3] for point in points]
    started = time.perf_counter()
    walking_order(single)
    print(f"walking_order: one route of {len(single)} stops: {(time.perf_counter() - started) * 1000:.0f} ms")

    if args.routes <= 0 or not ortools_available(not args.no_install):
        return
    print(f"\n{'route':>5} {'ours (m)':>10} {'OR-Tools (m)':>13} {'gap':>7}")
    gaps = []
    for number, (points, walk) in enumerate(zip(routes[: args.routes], walks, strict=False), start=1):
        ours = path_length(points, walk)
        theirs = path_length(points, ortools_walk(points, args.seconds))
        gaps.append((ours - theirs) / theirs * 100)
        print(f"{number:>5} {ours:>10,.0f} {theirs:>13,.0f} {gaps[-1]:>6.2f}%", flush=True)
    print(f"gap: mean {statistics.mean(gaps):.2f}%, worst {max(gaps):.2f}%")


if __name__ == "__main__":
    main()
