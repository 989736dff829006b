"""What the field team did in a period: visits per mahalle and per month, topics raised, satisfaction, the cases
opened from requests and where each stands, and employer visits per firm.

The tables have the shape of the register's statistics (config.reports.Table), so the same chart, table
template and Excel writer serve them. Each table is counted by the database in one grouped query.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from complaints.models import Case
from config.reports import Report, Table, period
from fieldwork.models import FieldRequest, Satisfaction, Visit, VisitKind
from places import turkish

SCORED = Q(satisfaction__gte=1)


def _average(value):
    return round(value, 2) if value is not None else None


def _months(start, end):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def report(start, end):
    """The tables for visits made `start`..`end` (inclusive days, Istanbul time)."""
    begin, finish = period(start, end)
    visits = Visit.objects.filter(visited_at__gte=begin, visited_at__lt=finish).order_by()
    total = visits.count()
    kinds = {kind: Count("pk", filter=Q(kind=kind)) for kind in VisitKind.values}

    by_place = visits.values("neighbourhood__name").annotate(
        count=Count("pk"), average=Avg("satisfaction", filter=SCORED), **kinds
    )
    place_rows = turkish.sorted_turkish(
        [
            (
                row["neighbourhood__name"],
                row["count"],
                *(row[kind] for kind in VisitKind.values),
                _average(row["average"]),
            )
            for row in by_place
        ],
        key=lambda row: row[0],
    )
    overall = visits.aggregate(average=Avg("satisfaction", filter=SCORED), **kinds)
    kind_columns = [str(label) for label in VisitKind.labels]

    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    by_month = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row
        for row in visits.annotate(month=TruncMonth("visited_at", tzinfo=local))
        .values("month")
        .annotate(count=Count("pk"), average=Avg("satisfaction", filter=SCORED), **kinds)
    }
    empty = {"count": 0, "average": None, **dict.fromkeys(VisitKind.values, 0)}
    month_rows = [
        (
            formats.date_format(month, "F Y"),
            by_month.get(month, empty)["count"],
            *(by_month.get(month, empty)[kind] for kind in VisitKind.values),
            _average(by_month.get(month, empty)["average"]),
        )
        for month in _months(start, end)
    ]

    topic_rows = [
        (row["topics__name"], row["count"])
        for row in visits.exclude(topics=None)
        .values("topics__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "topics__sort_key")
    ]

    answers = dict(visits.exclude(satisfaction=None).values_list("satisfaction").annotate(count=Count("pk")))
    satisfaction_rows = [
        (str(label), answers.get(value, 0)) for value, label in reversed(Satisfaction.choices) if value
    ]
    satisfaction_rows.append((str(Satisfaction.DECLINED.label), answers.get(Satisfaction.DECLINED, 0)))
    satisfaction_rows.append((_("Not asked"), visits.filter(satisfaction=None).count()))

    requests = FieldRequest.objects.filter(
        Q(visit__visited_at__gte=begin, visit__visited_at__lt=finish) | Q(representation__starts_on__range=(start, end))
    ).order_by()
    counted = requests.aggregate(all=Count("pk"), cases=Count("case"))
    by_status = dict(requests.exclude(case=None).values_list("case__status").annotate(count=Count("pk")))
    case_rows = [(str(status.label), by_status.get(status.value, 0)) for status in Case.Status]

    firm_rows = turkish.sorted_turkish(
        [
            (
                row["firm__name"] or (row["business_name"] + " " + _("(not registered)")).strip(),
                row["count"],
                _("yes") if row["firm__name"] else _("no"),
            )
            for row in visits.filter(kind=VisitKind.EMPLOYER)
            .values("firm__name", "business_name")
            .annotate(count=Count("pk"))
        ],
        key=lambda row: row[0],
    )

    visits_column, average_column = _("Visits"), _("Average satisfaction (1–5)")
    tables = [
        Table(
            "neighbourhoods",
            _("Visits per neighbourhood"),
            [_("Neighbourhood"), visits_column, *kind_columns, average_column],
            place_rows,
            (_("Total"), total, *(overall[kind] for kind in VisitKind.values), _average(overall["average"])),
        ),
        Table(
            "months",
            _("Visits per month"),
            [_("Month"), visits_column, *kind_columns, average_column],
            month_rows,
            (_("Total"), total, *(overall[kind] for kind in VisitKind.values), _average(overall["average"])),
        ),
        Table("topics", _("Topics raised on visits"), [_("Topic"), visits_column], topic_rows),
        Table(
            "satisfaction",
            _("Satisfaction with municipal services"),
            [_("Answer"), visits_column],
            satisfaction_rows,
            (_("Total"), total),
        ),
        Table(
            "cases",
            _("Cases opened from requests raised on visits and at events, by where they stand now"),
            [_("Status"), _("Cases")],
            case_rows,
            (
                _("Cases opened (of %(requests)s requests raised)") % {"requests": counted["all"]},
                counted["cases"],
            ),
        ),
        Table(
            "firms",
            _("Employer visits per firm"),
            [_("Firm"), visits_column, _("Registered with the employment centre")],
            firm_rows,
        ),
    ]
    return Report(start=start, end=end, total=total, tables=tables)
