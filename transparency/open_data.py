"""The register's open data: the dashboard's tables and the public reports, as CSV and JSON, made once a day.

Stable addresses that follow no page and no language (as the council's open data, council/open_data.py):
/seffaflik/veri/<dataset>-<year>.csv and .json, and <dataset>-all for every year at once, described by the
catalogue page (/seffaflik/veri/) and by a DCAT-AP description (/seffaflik/veri/dcat.jsonld).

"Updated daily": a file is made at its first request of the day and kept in the cache (Redis in production,
shared by every app server) until the next local midnight; no task, no storage to keep in step. Column names
are English and fixed; coded values are the register's stored keys; dates are ISO 8601 in Istanbul time.

Nothing personal goes out: a report only through Case.objects.public() (the resident agreed, staff have not
hidden it), its place rounded to about 100 m (complaints.publication), its text only once staff checked it;
never a name, phone, e-mail, address or the exact point.
"""

import datetime
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.urls import re_path, reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from complaints import masking, publication
from complaints.models import Case, Supporter
from config import reports
from theme import open_data as shared
from theme.open_data import LICENCE_NAME, LICENCE_URL, Column
from transparency import figures
from transparency.figures import seconds_until_midnight

PUBLISHER = "Ümraniye Belediyesi, Halkla İlişkiler Müdürlüğü (Çözüm Merkezi)"
KEY_VERSION = 1
ALL = "all"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple
    table: str | None = None  # the key of complaints.statistics' table it holds; None: the public reports

    @property
    def headers(self):
        return [column.name for column in self.columns]


_YEAR = Column("year", _("The year the cases were received in."))
_CASES = Column("cases", _("Cases received in the year."))
_AVERAGE = Column("average_days_to_complete", _("Average days from receipt to the answer; empty when none answered."))

DATASETS = [
    Dataset(
        "reports",
        _("Public reports"),
        _(
            "Every report the resident agreed to publish and staff did not hide: what, where (rounded to about "
            "100 m), where it stands and how the resident rated the answer. No names or contact details."
        ),
        (
            Column("id", _("The report's number in this file (stable).")),
            Column("kind", _("Suggestion, request, complaint, thanks or information request."), Case.Kind),
            Column("topic", _("What the report is about.")),
            Column("neighbourhood", _("The neighbourhood (mahalle).")),
            Column("latitude", _("Latitude, rounded to 0.001° (about 100 m); empty when no place was given.")),
            Column("longitude", _("Longitude, rounded to 0.001° (about 100 m); empty when no place was given.")),
            Column("status", _("Where the report stands now."), Case.Status),
            Column("received_on", _("The day it was received (ISO 8601).")),
            Column("answered_on", _("The day it was answered (ISO 8601); empty while it is open.")),
            Column("description", _("The description as staff checked it for publishing; empty until checked.")),
            Column("satisfaction", _("The resident's rating of the fix, 1 (very unhappy) to 5 (very happy).")),
            Column("supporters", _("Other residents who reported the same and added their voice.")),
        ),
    ),
    Dataset(
        "channels",
        _("Cases by channel"),
        _("How many cases came through each channel, and the average days to answer them."),
        (_YEAR, Column("channel", _("The channel the case came through.")), _CASES, _AVERAGE),
        "channels",
    ),
    Dataset(
        "topics",
        _("The ten most frequent topics"),
        _("The year's ten most frequent topics and their cases."),
        (_YEAR, Column("rank", _("1 for the most frequent.")), Column("topic", _("The topic.")), _CASES),
        "topics",
    ),
    Dataset(
        "neighbourhoods",
        _("Cases by neighbourhood"),
        _("Complaints and requests per neighbourhood (mahalle), all 37 of them."),
        (_YEAR, Column("neighbourhood", _("The neighbourhood (mahalle).")), _CASES),
        "neighbourhoods",
    ),
    Dataset(
        "social-media",
        _("Cases from social media"),
        _("Cases that first came through the municipality's social-media accounts."),
        (_YEAR, Column("account", _("The social-media account.")), _CASES, _AVERAGE),
        "social",
    ),
    Dataset(
        "directorates",
        _("Directorates: cases and deadlines"),
        _("Per directorate: cases, average days to answer, answered after the deadline, open and overdue."),
        (
            _YEAR,
            Column("directorate", _("The directorate (müdürlük).")),
            _CASES,
            _AVERAGE,
            Column("answered_late", _("Cases answered after their legal deadline.")),
            Column("overdue_now", _("Cases still open past their deadline on the day the file was made.")),
        ),
        "directorates",
    ),
    Dataset(
        "answering",
        _("How each directorate answers"),
        _(
            "Per directorate: the median days to answer, the share answered within the legal deadline, how often "
            "residents reopened a case as not fixed, and their satisfaction."
        ),
        (
            _YEAR,
            Column("directorate", _("The directorate (müdürlük).")),
            _CASES,
            Column("answered", _("Cases answered.")),
            Column("median_days_to_answer", _("Median days from receipt to the answer.")),
            Column(
                "answered_within_deadline_percent",
                _("Of the cases answered or past their deadline, the per cent answered on or before the deadline."),
            ),
            Column("reopened", _("Times residents reopened a case as not fixed during the year.")),
            Column("satisfaction_mean", _("Mean of the residents' ratings, 1 to 5; empty when none rated.")),
            Column("satisfaction_count", _("How many residents rated.")),
        ),
        "answering",
    ),
]
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# Periods. -------------------------------------------------------------------------------------------------------


def years():
    """The years the register has cases in, the current one included (looked up once a day)."""
    today = timezone.localdate()
    key = f"transparency:years:{KEY_VERSION}:{today:%Y%m%d}"
    start = cache.get(key)
    if start is None:
        first = Case.objects.order_by().aggregate(first=Min("received_at"))["first"]
        start = timezone.localtime(first).year if first else today.year
        cache.set(key, start, seconds_until_midnight())
    return list(range(start, today.year + 1))


def _bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# Rows. ----------------------------------------------------------------------------------------------------------


def aggregate_rows(dataset, period):
    rows = []
    for year in years() if period == ALL else [int(period)]:
        # One count of the year for all six tables (kept as the dashboard keeps it), not one per file.
        table = figures.report(*_bounds(year))[0].table(dataset.table)
        for number, row in enumerate(table.rows, start=1):
            row = [str(value) if isinstance(value, str) else value for value in row]
            if dataset.table == "topics":
                row = [number, *row]
            rows.append([year, *row])
    return rows


def report_rows(period):
    cases = Case.objects.public().order_by("received_at", "pk")
    if period != ALL:
        begin, finish = reports.period(*_bounds(int(period)))
        cases = cases.filter(received_at__gte=begin, received_at__lt=finish)
    supporters = dict(
        Supporter.objects.filter(case__in=cases.values("pk")).order_by().values_list("case").annotate(count=Count("id"))
    )
    fields = (
        "pk",
        "kind",
        "topic__name",
        "neighbourhood__name",
        "latitude",
        "longitude",
        "status",
        "received_at",
        "answered_on",
        "public_description",
        "moderated_at",
        "satisfaction",
        "name",  # these two read only to mask them out of the public text, as the public pages do
        "address",
    )
    rows = []
    for values in cases.values_list(*fields).iterator(chunk_size=2000):
        row = dict(zip(fields, values, strict=True))
        rows.append(
            [
                row["pk"],
                row["kind"],
                row["topic__name"],
                row["neighbourhood__name"],
                _coordinate(row["latitude"]),
                _coordinate(row["longitude"]),
                row["status"],
                timezone.localtime(row["received_at"]).date().isoformat(),
                row["answered_on"].isoformat() if row["answered_on"] else None,
                _public_text(row) if row["moderated_at"] else None,
                row["satisfaction"],
                supporters.get(row["pk"], 0),
            ]
        )
    return rows


def _public_text(row):
    """The text staff checked, masked again of contact details and the resident's name and address."""
    names = [row["name"]] if row["name"] else []
    addresses = [row["address"]] if row["address"] else []
    return masking.mask(row["public_description"], names, addresses) or None


def _coordinate(value):
    # Both or neither: publication.public_location rounds a point only when it has both coordinates.
    return float(publication.rounded(value)) if value is not None else None


def rows(dataset, period):
    return report_rows(period) if dataset.table is None else aggregate_rows(dataset, period)


# Files. ---------------------------------------------------------------------------------------------------------


def csv_text(dataset, found):
    return shared.csv_text(dataset.headers, found)


def json_text(dataset, period, found, made_at, request=None):
    with translation.override("tr"):
        document = {
            "dataset": dataset.slug,
            "title": str(dataset.title),
            "period": period,
            "publisher": PUBLISHER,
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "updated": made_at.isoformat(timespec="seconds"),
            "update_frequency": "daily",
            "described_by": absolute(request, reverse("transparency_data:dcat")),
            "columns": dataset.headers,
            "rows": [dict(zip(dataset.headers, row, strict=True)) for row in found],
        }
    return json.dumps(document, ensure_ascii=False, indent=1)


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def snapshot(dataset, period, extension, request=None):
    """(the file's text, when it was made): made once a day, kept in the cache until the next local midnight."""
    key = f"transparency:file:{KEY_VERSION}:{timezone.localdate():%Y%m%d}:{dataset.slug}:{period}:{extension}"
    found = cache.get(key)
    if found is None:
        made_at = timezone.localtime().replace(microsecond=0)  # whole seconds, as HTML and HTTP dates take them
        # The same file for everyone, whatever language asked first that day: names and notes in Turkish.
        with translation.override("tr"):
            data = rows(dataset, period)
            text = csv_text(dataset, data) if extension == "csv" else json_text(dataset, period, data, made_at, request)
        found = (text, made_at, len(data))
        cache.set(key, found, seconds_until_midnight())
    return found


def valid_period(period):
    if period == ALL:
        return True
    return period.isdigit() and int(period) in years()


@require_safe
def download(request, dataset, period, extension):
    dataset = BY_SLUG.get(dataset)
    if dataset is None or not valid_period(period):
        raise Http404
    text, made_at, _count = snapshot(dataset, period, extension, request)
    filename = f"cozum-merkezi-{dataset.slug}-{period}.{extension}"
    if extension == "csv":
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Access-Control-Allow-Origin"] = "*"
    # The licence and the description travel with the file without a line a CSV reader would trip over.
    response["Link"] = (
        f'<{LICENCE_URL}>; rel="license", <{absolute(request, reverse("transparency_data:dcat"))}>; rel="describedby"'
    )
    response["Last-Modified"] = http_date(made_at.timestamp())
    response["Cache-Control"] = "public, max-age=900"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_url(dataset, period, extension):
    return reverse(
        "transparency_data:file", kwargs={"dataset": dataset.slug, "period": str(period), "extension": extension}
    )


def urls():
    from transparency import dcat

    return [
        re_path(r"^dcat\.jsonld$", dcat.view, name="dcat"),
        re_path(
            r"^(?P<dataset>[a-z][a-z-]*[a-z])-(?P<period>all|\d{4})\.(?P<extension>csv|json)$", download, name="file"
        ),
    ]
