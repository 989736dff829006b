"""What the team delivered in a period: copies per publication, mahalle and courier, and first-visit deliveries.

The tables have the shape of the register's statistics (config.reports.Table),
so the same chart, table template and Excel writer serve both.
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from config.reports import Report, Table
from distribution.models import Stop
from places import turkish

DELIVERED = Q(outcome=Stop.Outcome.DELIVERED)


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def courier_name(first_name, last_name, email):
    """A courier as people know them: the full name, else the e-mail address; "Atanmamış" for no courier.

    The parts come from `values()`, where a route without a courier gives None for each.
    """
    return " ".join(part for part in (first_name, last_name) if part) or email or _("Not assigned")


def report(start, end):
    """The tables for distributions dated `start`..`end` (inclusive)."""
    stops = Stop.objects.filter(route__distribution__date__range=(start, end))
    first_visits = stops.filter(visit=1)

    by_publication = (
        stops.values("route__distribution__publication__title", "route__distribution__publication__issue")
        .annotate(
            delivered=Sum("quantity", filter=DELIVERED),
            planned=Sum("quantity", filter=Q(visit=1)),
            recipients=Count("pk", filter=Q(visit=1)),
            first_visit=Count("pk", filter=DELIVERED & Q(visit=1)),
        )
        .order_by("route__distribution__publication__title", "route__distribution__publication__issue")
    )
    publication_rows = [
        (
            f"{row['route__distribution__publication__title']} {row['route__distribution__publication__issue']}".strip(),
            row["delivered"] or 0,
            row["planned"] or 0,
            row["recipients"],
            _share(row["first_visit"], row["recipients"]),
        )
        for row in by_publication
    ]

    by_place = stops.values("route__neighbourhood__name").annotate(
        delivered=Sum("quantity", filter=DELIVERED),
        stops=Count("pk", filter=DELIVERED),
        first_visit=Count("pk", filter=DELIVERED & Q(visit=1)),
        recipients=Count("pk", filter=Q(visit=1)),
    )
    place_rows = turkish.sorted_turkish(
        [
            (
                row["route__neighbourhood__name"],
                row["delivered"] or 0,
                row["stops"],
                _share(row["first_visit"], row["recipients"]),
            )
            for row in by_place
        ],
        key=lambda row: row[0],
    )

    by_courier = (
        stops.exclude(recorded_by=None)
        .values("route__courier__first_name", "route__courier__last_name", "route__courier__email")
        .annotate(delivered=Sum("quantity", filter=DELIVERED), stops=Count("pk", filter=DELIVERED), visits=Count("pk"))
    )
    courier_rows = turkish.sorted_turkish(
        [
            (
                courier_name(
                    row["route__courier__first_name"], row["route__courier__last_name"], row["route__courier__email"]
                ),
                row["delivered"] or 0,
                row["stops"],
                row["visits"],
            )
            for row in by_courier
        ],
        key=lambda row: row[0],
    )

    total_first = first_visits.aggregate(all=Count("pk"), delivered=Count("pk", filter=DELIVERED))
    delivered = stops.aggregate(copies=Sum("quantity", filter=DELIVERED))["copies"] or 0
    copies, recipients = _("Copies delivered"), _("Recipients")
    first = _("Delivered on the first visit (%)")
    tables = [
        Table(
            "publications",
            _("Copies delivered per publication"),
            [_("Publication"), copies, _("Copies planned"), recipients, first],
            publication_rows,
            (
                _("Total"),
                delivered,
                sum(row[2] for row in publication_rows),
                total_first["all"],
                _share(total_first["delivered"], total_first["all"]),
            ),
        ),
        Table(
            "neighbourhoods",
            _("Copies delivered per neighbourhood"),
            [_("Neighbourhood"), copies, _("Stops delivered"), first],
            place_rows,
        ),
        Table(
            "couriers",
            _("Copies delivered per courier"),
            [_("Courier"), copies, _("Stops delivered"), _("Stops recorded")],
            courier_rows,
        ),
    ]
    return Report(start=start, end=end, total=delivered, tables=tables)
