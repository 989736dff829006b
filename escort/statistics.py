"""The unit's figures for a period, per month: bookings, visitors helped, needs, offices visited.

The tables have the shape of the other reports (config.reports.Table), so the same chart, table and Excel
writer serve them. A fixed handful of queries whatever the period.
"""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.reports import Report, Table
from escort.models import NEEDS, Booking, Office

MET = Q(status=Booking.Status.MET)


def months(start, end):
    """The first day of every month from `start`'s to `end`'s."""
    found, day = [], start.replace(day=1)
    while day <= end:
        found.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return found


def month_label(day):
    return date_format(day, "F Y")


def _month(value):
    # TruncMonth gives a date on SQLite and PostgreSQL for a DateField.
    return value if not isinstance(value, datetime.datetime) else value.date()


def report(start, end):
    """The tables for bookings dated `start`..`end` (inclusive)."""
    bookings = Booking.objects.filter(date__range=(start, end))
    per_month = {
        _month(row["month"]): row
        for row in bookings.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            bookings=Count("pk", filter=~Q(status=Booking.Status.CANCELLED)),
            helped=Count("pk", filter=MET),
            no_show=Count("pk", filter=Q(status=Booking.Status.NO_SHOW)),
            cancelled=Count("pk", filter=Q(status=Booking.Status.CANCELLED)),
            by_call_centre=Count("pk", filter=Q(booked_by=Booking.BookedBy.CALL_CENTRE)),
        )
        .order_by("month")
    }
    keys = ["bookings", "helped", "no_show", "cancelled", "by_call_centre"]
    month_rows = []
    for month in months(start, end):
        row = per_month.get(month, {})
        month_rows.append((month_label(month), *(row.get(key, 0) for key in keys)))
    monthly = Table(
        key="months",
        title=_("Bookings and visitors helped per month"),
        columns=[_("Month"), _("Bookings"), _("Visitors helped"), _("Did not come"), _("Cancelled"), _("By phone")],
        rows=month_rows,
        total=(_("Total"), *(sum(row[index] for row in month_rows) for index in range(1, 6))),
    )

    met = bookings.filter(MET)
    counts = met.aggregate(
        **{field: Count("pk", filter=Q(**{field: True})) for field, _label, _icon in NEEDS},
        other=Count("pk", filter=~Q(other_need="")),
        total=Count("pk"),
    )
    need_rows = [(str(label), counts[field]) for field, label, _icon in NEEDS] + [(_("Other"), counts["other"])]
    needs = Table(
        key="needs",
        title=_("Needs of the visitors helped"),
        columns=[_("Need"), _("Visitors")],
        rows=need_rows,
        total=(_("Visitors helped"), counts["total"]),
    )

    visited = (
        Office.objects.annotate(visits=Count("helped_bookings", filter=Q(helped_bookings__in=met)))
        .filter(visits__gt=0)
        .order_by("-visits", "sort_order", "name")
    )
    office_rows = [(office.name, office.visits) for office in visited]
    offices = Table(
        key="offices",
        title=_("Offices visitors were helped to"),
        columns=[_("Office"), _("Visits")],
        rows=office_rows,
        total=(_("Total"), sum(row[1] for row in office_rows)),
    )
    total = sum(row[1] for row in month_rows)
    return Report(start=start, end=end, total=total, tables=[monthly, needs, offices])
