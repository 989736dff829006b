"""İstihdam Merkezi's yearly figures, as the annual report counts them (seed: istihdam-merkezi-2016-2020.csv).

- new CVs: CVs created in the year (anonymised ones too: they were registered that year);
- new firms: firms registered in the year;
- referrals: referrals the candidate agreed to (sent to the employer) in the year, by `agreed_at`;
- people employed: the people whose placement started in the year (a person placed twice counts once a year).

One aggregate query per measure whatever the number of years or records.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from config.reports import Report, Table, period
from employment.models import CV, Firm, Placement, Referral

# The report's rows, in its order and with its names.
MEASURES = [
    ("cvs", _("New CVs registered")),
    ("firms", _("New firms registered")),
    ("referrals", _("Referrals to jobs")),
    ("employed", _("People employed")),
]


@dataclass
class Column:
    """One column of the table: a calendar year, or the part of it inside the chosen period."""

    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self):
        if self.start == datetime.date(self.start.year, 1, 1) and self.end == datetime.date(self.start.year, 12, 31):
            return str(self.start.year)
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


def columns(start, end):
    """The calendar years `start`..`end` touches, each cut to the period."""
    return [
        Column(max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31)))
        for year in range(start.year, end.year + 1)
    ]


def _counts(queryset, field, spans, distinct=None):
    """{column index: count} of `queryset` by `field` falling in each span, in one query."""
    aggregates = {
        f"c{index}": Count(
            distinct or "pk", distinct=bool(distinct), filter=Q(**{f"{field}__gte": low, f"{field}__lt": high})
        )
        for index, (low, high) in enumerate(spans)
    }
    low, high = spans[0][0], spans[-1][1]
    result = queryset.filter(**{f"{field}__gte": low, f"{field}__lt": high}).order_by().aggregate(**aggregates)
    return [result[f"c{index}"] or 0 for index in range(len(spans))]


def figures(start, end):
    """{measure: [count per column]} and the columns, for the local days `start`..`end`."""
    cols = columns(start, end)
    moments = [period(column.start, column.end) for column in cols]
    days = [(column.start, column.end + datetime.timedelta(days=1)) for column in cols]
    counts = {
        "cvs": _counts(CV.objects.all(), "created_at", moments),
        "firms": _counts(Firm.objects.all(), "created_at", moments),
        "referrals": _counts(Referral.objects.all(), "agreed_at", moments),
        "employed": _counts(Placement.objects.all(), "started_on", days, distinct="cv"),
    }
    return cols, counts


def report(start, end):
    """The seed's table: a row per measure, a column per year (config.reports.Report, for the page and Excel)."""
    cols, counts = figures(start, end)
    table = Table(
        "years",
        _("Figures by year"),
        [_("Figure"), *[column.label for column in cols]],
        [(str(label), *counts[key]) for key, label in MEASURES],
    )
    return Report(start, end, sum(counts["employed"]), [table])


def charts(report):
    """A row of the table per measure, with its bars by year: {key, title, counts, bars}."""
    table = report.tables[0]
    years = table.columns[1:]
    return [
        {"key": key, "title": row[0], "counts": row[1:], "bars": list(zip(years, row[1:], strict=True))}
        for (key, _label), row in zip(MEASURES, table.rows, strict=True)
    ]


def year_has_records(year):
    """Whether anything the figures count is dated in `year` (the volumes loader refuses such a year)."""
    _cols, counts = figures(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return any(values[0] for values in counts.values())
