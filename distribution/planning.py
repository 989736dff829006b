"""Planning a distribution: who gets how many copies, routes in walking order, follow-ups and recorded outcomes.

The admin views, the courier's page, the demo and the benchmark all call these
functions.
"""

import itertools

from django.db import transaction
from django.utils import timezone

from distribution import ordering
from distribution.models import Distribution, Recipient, Route, Stop
from places import turkish


def recipients(distribution):
    """The active recipients the distribution's lists, types and neighbourhoods choose."""
    return Recipient.objects.chosen(
        lists=list(distribution.lists.all()),
        kinds=distribution.kinds,
        neighbourhoods=list(distribution.neighbourhoods.all()),
    ).select_related("neighbourhood")


def allocation(distribution):
    """[(recipient, copies)] with each per-recipient override applied; recipients given 0 copies are left out."""
    overrides = dict(distribution.overrides.values_list("recipient_id", "quantity"))
    chosen = [(recipient, distribution.quantity_for(recipient, overrides)) for recipient in recipients(distribution)]
    return [(recipient, copies) for recipient, copies in chosen if copies > 0]


def totals_by_neighbourhood(lines):
    """[(neighbourhood, recipients, copies)] in Turkish order, for `allocation()` lines."""
    totals = {}
    for recipient, copies in lines:
        count, total = totals.get(recipient.neighbourhood, (0, 0))
        totals[recipient.neighbourhood] = (count + 1, total + copies)
    rows = [(place, count, copies) for place, (count, copies) in totals.items()]
    return sorted(rows, key=lambda row: row[0].sort_key)


def _point(line):
    return line[0].point


def _address(line):
    recipient = line[0]
    return (recipient.street, recipient.building_no, recipient.door_no)


@transaction.atomic
def build_routes(distribution):
    """Cut the distribution into routes per mahalle in walking order, within its stop and copy limits.

    Routes whose order a coordinator locked, and the stops on them, stay as they are;
    every other route (with no recorded visit) is built again from the current
    allocation. Returns the distribution's routes.
    """
    distribution = Distribution.objects.select_for_update().get(pk=distribution.pk)
    kept = distribution.routes.filter(order_locked=True)
    visited = Stop.objects.filter(route__distribution=distribution).exclude(outcome=Stop.Outcome.PENDING)
    kept_routes = set(kept.values_list("pk", flat=True)) | set(visited.values_list("route_id", flat=True))
    Route.objects.filter(distribution=distribution, follows__isnull=True).exclude(pk__in=kept_routes).delete()
    served = set(Stop.objects.filter(route__distribution=distribution).values_list("recipient_id", flat=True))
    lines = [line for line in allocation(distribution) if line[0].pk not in served]
    number = itertools.count(
        (distribution.routes.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    )

    by_place = {}
    for line in lines:
        by_place.setdefault(line[0].neighbourhood, []).append(line)
    stops = []
    for place in sorted(by_place, key=lambda place: place.sort_key):
        # A rough walk through the whole mahalle is cut into routes, then each route's walk is shortened.
        walk = ordering.order_stops(by_place[place], point=_point, address=_address, kicks_per_stop=0)
        chunks = ordering.split(
            walk, max_stops=distribution.max_stops, max_copies=distribution.max_copies, quantity=lambda line: line[1]
        )
        for chunk in chunks:
            chunk = ordering.order_stops(chunk, point=_point, address=_address)
            route = Route.objects.create(distribution=distribution, number=next(number), neighbourhood=place)
            stops += [
                Stop(route=route, recipient=recipient, quantity=copies, position=position)
                for position, (recipient, copies) in enumerate(chunk, start=1)
            ]
    Stop.objects.bulk_create(stops, batch_size=1000)
    Distribution.objects.filter(pk=distribution.pk).update(status=Distribution.Status.ROUTED)
    return distribution.routes.all()


def reorder(route, stop_ids):
    """Put the route's stops in the order of `stop_ids` (as a coordinator dragged them) and lock that order."""
    stops = {stop.pk: stop for stop in route.stops.all()}
    if sorted(stops) != sorted(stop_ids):
        raise ValueError("The new order must name each stop of the route once.")
    for position, pk in enumerate(stop_ids, start=1):
        stops[pk].position = position
    Stop.objects.bulk_update(stops.values(), ["position"])
    Route.objects.filter(pk=route.pk).update(order_locked=True)


def record(stop, outcome, user, note="", received_by=""):
    """What happened at a stop, by whom and when; recording again corrects it."""
    stop.outcome = outcome
    stop.note = note[:300]
    stop.received_by = received_by[:150]
    stop.recorded_at = timezone.now()
    stop.recorded_by = user
    stop.save(update_fields=["outcome", "note", "received_by", "recorded_at", "recorded_by"])
    return stop


AGAIN = [Stop.Outcome.NOBODY, Stop.Outcome.PENDING]


@transaction.atomic
def follow_up(route, outcomes=tuple(AGAIN)):
    """A new route for the stops of `route` that were not delivered (by default: nobody there, or not visited).

    Returns the new route, or None when there is nothing to take again.
    """
    again = list(route.stops.filter(outcome__in=outcomes).select_related("recipient").order_by("position"))
    if not again:
        return None
    distribution = route.distribution
    last = distribution.routes.order_by("-number").values_list("number", flat=True).first() or 0
    new = Route.objects.create(
        distribution=distribution,
        number=last + 1,
        neighbourhood=route.neighbourhood,
        courier=route.courier,
        follows=route,
        order_locked=True,
    )
    Stop.objects.bulk_create(
        Stop(route=new, recipient=stop.recipient, quantity=stop.quantity, position=position, visit=stop.visit + 1)
        for position, stop in enumerate(again, start=1)
    )
    return new


def couriers():
    """The people who can be given a route: couriers and the post team, in Turkish order of their names."""
    from django.contrib.auth import get_user_model

    from distribution.groups import COURIERS, TEAM

    people = get_user_model().objects.filter(groups__name__in=[TEAM, COURIERS], is_active=True).distinct()
    return turkish.sorted_turkish(people, key=lambda user: user.get_full_name() or user.email)
