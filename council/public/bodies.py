"""Public pages of the council's bodies: who sits on them, for which organisation, in which term.

Only names, roles and organisations are shown: a seat's e-mail and phone are for the secretariat's invitations.
"""

from django.http import Http404
from django.utils import timezone

from council import bodies
from council.models import Body

# What a public page reads of a seat: never its contact details.
PUBLIC_SEAT_FIELDS = ["id", "body_id", "role", "holder_name", "substitute_name", "starts_on", "ends_on", "sort_order"]


def overview(request, page):
    """All public bodies grouped by kind, each with its number of members, and the council's other pages."""
    rows = bodies.with_seat_counts(Body.objects.public().select_related("assembly"))
    return page.render(request, context_overrides={"body_groups": bodies.grouped_by_kind(rows)})


def detail(request, page, slug):
    """A body's current seats (a vacant one shown as such) and its past terms."""
    body = Body.objects.public().select_related("assembly").filter(slug=slug).first()
    if body is None:
        raise Http404
    seats = list(
        body.seats.select_related("organisation").only(*PUBLIC_SEAT_FIELDS, "organisation__name", "organisation__kind")
    )
    day = timezone.localdate()
    current = bodies.current_seats(seats, day)
    return page.render(
        request,
        template="council/body.html",
        context_overrides={
            "body": body,
            "assembly": body.assembly.localized if body.assembly_id else None,
            "seats": current,
            "filled_count": sum(1 for seat in current if seat.is_filled),
            "past_terms": bodies.past_terms(seats, day),
        },
    )
