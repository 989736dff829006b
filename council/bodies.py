"""Rules of the council's bodies and seats, for the admin's forms, the public pages and the dashboard."""

from collections import OrderedDict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.access import is_secretariat
from council.models import Body, Seat
from places import turkish

# Bodies only the secretariat keeps: the council's own, which no assembly owns.
COUNCIL_KINDS = [Body.Kind.GENERAL_ASSEMBLY, Body.Kind.EXECUTIVE]
KIND_ORDER = [Body.Kind.GENERAL_ASSEMBLY, Body.Kind.EXECUTIVE, Body.Kind.ASSEMBLY_BOARD, Body.Kind.WORKING_GROUP]
# Seats in the order a body lists them: its officers first, then members in Turkish order.
ROLE_ORDER = [
    Seat.Role.PRESIDENT,
    Seat.Role.VICE_PRESIDENT,
    Seat.Role.SECRETARY_GENERAL,
    Seat.Role.SPOKESPERSON,
    Seat.Role.MEMBER,
]


def kinds_for(user):
    """The kinds of body `user` may create or keep: all for the secretariat, an assembly's board and working
    groups for its coordinators."""
    if is_secretariat(user):
        return list(Body.Kind)
    return [kind for kind in Body.Kind if kind not in COUNCIL_KINDS]


def kind_and_assembly_errors(kind, assembly, user):
    """{field: message} for a body whose kind and assembly do not fit together, or that `user` may not keep."""
    errors = {}
    if kind in COUNCIL_KINDS and assembly is not None:
        errors["assembly"] = _(
            "The general assembly and the executive board belong to the whole council, not to an assembly."
        )
    if kind == Body.Kind.ASSEMBLY_BOARD and assembly is None:
        errors["assembly"] = _("Choose the assembly whose board this is.")
    if not is_secretariat(user):
        if kind in COUNCIL_KINDS:
            errors["kind"] = _("Only the council's secretariat keeps the general assembly and the executive board.")
        elif assembly is None:
            errors["assembly"] = _("Choose the assembly you coordinate that this body belongs to.")
    return errors


def seat_sort_key(seat):
    rank = ROLE_ORDER.index(seat.role) if seat.role in ROLE_ORDER else len(ROLE_ORDER)
    # Filled seats by the holder's name; vacant ones after them, by organisation.
    return (
        rank,
        not seat.is_filled,
        turkish.sort_key(seat.holder_name or (seat.organisation.name if seat.organisation else "")),
    )


def sorted_seats(seats):
    return sorted(seats, key=seat_sort_key)


def with_seat_counts(bodies, day=None):
    """`bodies` annotated with `seat_count` and `filled_count` of their current seats (one query)."""
    day = day or timezone.localdate()
    current = (Q(seats__starts_on__lte=day) | Q(seats__starts_on__isnull=True)) & (
        Q(seats__ends_on__gte=day) | Q(seats__ends_on__isnull=True)
    )
    return bodies.annotate(
        seat_count=Count("seats", filter=current, distinct=True),
        filled_count=Count("seats", filter=current & ~Q(seats__holder_name=""), distinct=True),
    )


def in_turkish_order(bodies):
    """Bodies by kind (the council's own first), then by their set order, then in Turkish alphabetical order."""
    return sorted(
        bodies,
        key=lambda body: (
            KIND_ORDER.index(body.kind) if body.kind in KIND_ORDER else len(KIND_ORDER),
            body.sort_order,
            turkish.sort_key(body.name),
        ),
    )


def grouped_by_kind(bodies):
    """[(kind label, [bodies])] in KIND_ORDER, leaving out kinds without a body."""
    groups = OrderedDict((kind, []) for kind in KIND_ORDER)
    for body in in_turkish_order(bodies):
        groups.setdefault(body.kind, []).append(body)
    return [(Body.Kind(kind).label, members) for kind, members in groups.items() if members]


def past_terms(seats, day=None):
    """Seats whose term ended before `day`, grouped by term: [((starts_on, ends_on), [seats])], latest first."""
    day = day or timezone.localdate()
    terms = {}
    for seat in seats:
        if seat.ends_on and seat.ends_on < day:
            terms.setdefault((seat.starts_on, seat.ends_on), []).append(seat)
    ordered = sorted(terms.items(), key=lambda item: (item[0][1], item[0][0] or item[0][1]), reverse=True)
    return [(term, sorted_seats(members)) for term, members in ordered]


def current_seats(seats, day=None):
    day = day or timezone.localdate()
    return sorted_seats(
        seat
        for seat in seats
        if (seat.starts_on is None or seat.starts_on <= day) and (seat.ends_on is None or seat.ends_on >= day)
    )
