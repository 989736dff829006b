"""The council's open data: meetings, attendance figures, minutes, opinions and their steps as CSV and JSON.

The files live at stable addresses (/acik-veri/kent-konseyi/<dataset>.csv and .json) that depend on no page's
slug and no language: column names are English and fixed, coded values (a meeting's kind, an opinion's status)
are the stored keys, times are ISO 8601 in Istanbul time (+03:00). The open-data page (council/public/open_data.py)
documents every column from the same definitions below, so the page and the files cannot drift apart.

Only what the site already publishes goes out: meetings of public bodies, minutes once approved, public opinions
of public bodies. Nothing personal: no seat holder, no e-mail, no phone, nobody who recorded or approved anything.
Each file is one query for its rows (two for opinions, whose neighbourhoods are prefetched), whatever its length.
"""

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from council.models import AgendaItem, CouncilPage, Meeting, Opinion, OpinionStep, Topic
from theme import open_data as shared
from theme.open_data import LICENCE_NAME, LICENCE_URL, Column

CACHE_CONTROL = "public, max-age=900"


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple

    @property
    def headers(self):
        return [column.name for column in self.columns]

    def queryset(self):
        return QUERYSETS[self.slug]()

    def summary(self):
        """The row count and the latest change recorded in the rows, in one query."""
        fields = CHANGED[self.slug]
        figures = (
            self.queryset()
            .order_by()
            .aggregate(
                rows=Count("pk", distinct=True), **{f"changed_{n}": Max(field) for n, field in enumerate(fields)}
            )
        )
        changed = [figures[f"changed_{n}"] for n in range(len(fields)) if figures[f"changed_{n}"] is not None]
        return figures["rows"], max(map(_as_datetime, changed), default=None)

    def rows(self, request=None):
        """The dataset's rows as lists of plain values (str, int, bool, None) in the order of `columns`."""
        return list(ROWS[self.slug](self.queryset(), _PageLinks(request)))


# Querysets: what is public. -------------------------------------------------------------------------------------


def public_meetings(now=None):
    """The meetings the public pages show (council/public/meetings.py): one still being prepared is nowhere."""
    from council.public.meetings import published

    return published(now)


def public_opinions():
    return Opinion.objects.filter(is_public=True, body__is_public=True)


QUERYSETS = {
    "meetings": public_meetings,
    "attendance": lambda: public_meetings().filter(attendance_closed_at__isnull=False),
    "minutes": lambda: AgendaItem.objects.filter(meeting__in=public_meetings().with_published_minutes()),
    "opinions": public_opinions,
    "opinion-steps": lambda: OpinionStep.objects.filter(opinion__in=public_opinions()),
}

# The latest of these is a dataset's "last change": the moments the records themselves keep.
CHANGED = {
    "meetings": ["invitations_sent_at", "cancelled_at", "attendance_closed_at", "minutes_approved_at"],
    "attendance": ["attendance_closed_at"],
    "minutes": ["meeting__minutes_approved_at"],
    "opinions": ["created_at", "steps__recorded_at"],
    "opinion-steps": ["recorded_at"],
}


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))


# Values as they go out. ------------------------------------------------------------------------------------------


def iso_datetime(value):
    """`2026-03-14T18:30:00+03:00`: Istanbul time with its offset, so the file means the same anywhere."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def iso_date(value):
    return value.isoformat() if value else None


class _PageLinks:
    """Addresses of the council page's routes in the site's default language, whatever language asked."""

    def __init__(self, request):
        self.request = request
        self._base = None

    @property
    def base(self):
        if self._base is None:
            page = CouncilPage.for_language(settings.LANGUAGE_CODE)
            self._base = (page, page.get_full_url(self.request)) if page else (None, "")
        return self._base

    def route(self, name, **kwargs):
        page, base = self.base
        return base + page.reverse_subpage(name, kwargs=kwargs) if page else None


def _meeting_rows(queryset, links):
    for meeting in queryset.select_related("body").order_by("starts_at", "pk"):
        yield [
            meeting.pk,
            meeting.body.name,
            meeting.kind,
            meeting.display_title,
            iso_datetime(meeting.starts_at),
            iso_datetime(meeting.ends_at),
            meeting.place,
            meeting.reconvenes_id,
            meeting.cancelled_at is not None,
            meeting.minutes_published,
            links.route("meeting", pk=meeting.pk),
        ]


def _attendance_rows(queryset, links):
    for meeting in queryset.select_related("body").order_by("starts_at", "pk"):
        yield [
            meeting.pk,
            meeting.body.name,
            iso_datetime(meeting.starts_at),
            meeting.filled_seats,
            meeting.present_count,
            meeting.quorum_required,
            meeting.quorum_met,
        ]


def _minutes_rows(queryset, links):
    items = queryset.select_related("meeting__body").order_by("meeting__starts_at", "meeting_id", "sort_order", "pk")
    meeting_id, number = None, 0
    for item in items:
        # Every item of an approved meeting is here, so its place in this list is its number on the agenda.
        number = number + 1 if item.meeting_id == meeting_id else 1
        meeting_id = item.meeting_id
        yield [
            item.meeting_id,
            item.meeting.body.name,
            iso_datetime(item.meeting.starts_at),
            iso_date(timezone.localtime(item.meeting.minutes_approved_at).date()),
            number,
            item.title,
            item.outcome or None,
            item.votes_for,
            item.votes_against,
            item.votes_abstaining,
        ]


def _opinion_rows(queryset, links):
    opinions = queryset.select_related("body").prefetch_related("neighbourhoods").order_by("year", "sequence")
    for opinion in opinions:
        yield [
            opinion.number,
            opinion.title,
            opinion.summary,
            opinion.body.name,
            opinion.topic,
            "; ".join(neighbourhood.name for neighbourhood in opinion.neighbourhoods.all()),
            opinion.status,
            iso_date(opinion.status_on),
            opinion.progress,
            links.route("opinion", year=str(opinion.year), sequence=str(opinion.sequence)),
        ]


def _step_rows(queryset, links):
    steps = queryset.select_related("opinion").order_by(
        "opinion__year", "opinion__sequence", "date", "recorded_at", "pk"
    )
    for step in steps:
        yield [
            step.opinion.number,
            step.kind,
            iso_date(step.date),
            step.letter_reference or None,
            iso_date(step.council_meeting_on),
            step.council_item_number or None,
            step.answer or None,
            step.decision_number or None,
            step.progress,
        ]


ROWS = {
    "meetings": _meeting_rows,
    "attendance": _attendance_rows,
    "minutes": _minutes_rows,
    "opinions": _opinion_rows,
    "opinion-steps": _step_rows,
}

# The datasets and their columns. ---------------------------------------------------------------------------------

_MEETING_ID = Column("meeting_id", _("The meeting's number: the id column of the meetings file."))
_BODY = Column("body", _("The council body's name."))
_STARTS_AT = Column("starts_at", _("When the meeting starts: date and time in Istanbul time (ISO 8601, +03:00)."))

DATASETS = [
    Dataset(
        "meetings",
        _("Meetings"),
        _("Every meeting of the council's public bodies: when and where, and whether its minutes are published."),
        (
            Column("id", _("The meeting's number; the other files refer to it as meeting_id.")),
            _BODY,
            Column("kind", _("Ordinary or extraordinary meeting."), Meeting.Kind),
            Column("title", _("The meeting's title (the body and the date unless it has its own).")),
            _STARTS_AT,
            Column("ends_at", _("When the meeting ends, if known (ISO 8601, +03:00).")),
            Column("place", _("Where the meeting is held.")),
            Column(
                "reconvenes",
                _("For a meeting held because an earlier one had no quorum: the earlier meeting's id; else empty."),
            ),
            Column("cancelled", _("true if the meeting was cancelled.")),
            Column("minutes_published", _("true once the minutes are approved and published.")),
            Column("url", _("The meeting's page on this site.")),
        ),
    ),
    Dataset(
        "attendance",
        _("Attendance figures"),
        _(
            "For each meeting whose attendance has been taken: how many seats were filled, how many were present and "
            "whether there was a quorum. Figures only: no names."
        ),
        (
            _MEETING_ID,
            _BODY,
            _STARTS_AT,
            Column("filled_seats", _("Seats with a holder on the day (vacant seats do not count).")),
            Column("present", _("Members present (a holder or their substitute).")),
            Column("quorum_required", _("How many had to be present for the meeting to decide, by the body's rule.")),
            Column("quorum_met", _("true if at least that many were present.")),
        ),
    ),
    Dataset(
        "minutes",
        _("Minutes"),
        _("What each approved meeting decided, one row per agenda item. Minutes appear here only once approved."),
        (
            _MEETING_ID,
            _BODY,
            _STARTS_AT,
            Column("minutes_approved_on", _("The day the minutes were approved (ISO 8601).")),
            Column("item", _("The item's number on the meeting's agenda.")),
            Column("title", _("The agenda item.")),
            Column("outcome", _("What was decided on the item."), AgendaItem.Outcome),
            Column("votes_for", _("Votes for; empty when the item was not put to a vote.")),
            Column("votes_against", _("Votes against; empty when the item was not put to a vote.")),
            Column("votes_abstaining", _("Abstentions; empty when the item was not put to a vote.")),
        ),
    ),
    Dataset(
        "opinions",
        _("Opinions"),
        _("The opinions and proposals the council has carried to the municipality, and where each stands."),
        (
            Column("number", _("The opinion's number: year/sequence, e.g. 2026/3.")),
            Column("title", _("The opinion's title.")),
            Column("text", _("The text of the opinion.")),
            Column("body", _("The council body that formed it.")),
            Column("topic", _("What the opinion is about."), Topic),
            Column("neighbourhoods", _("The neighbourhoods it concerns, separated by semicolons; empty for all.")),
            Column("status", _("Where the opinion stands now (its latest step)."), Opinion.Status),
            Column("status_date", _("The date of that step (ISO 8601).")),
            Column("progress", _("Implementation progress in per cent (0–100).")),
            Column("url", _("The opinion's page on this site, with its whole timeline.")),
        ),
    ),
    Dataset(
        "opinion-steps",
        _("Opinion steps"),
        _(
            "Each opinion's journey step by step: formed, sent to the municipality, on the municipal council's agenda, "
            "answered, implemented."
        ),
        (
            Column("opinion_number", _("The opinion's number: the number column of the opinions file.")),
            Column("step", _("The step."), OpinionStep.Kind),
            Column("date", _("The step's date (ISO 8601).")),
            Column("letter_reference", _("For the step sent: the reference of the letter to the municipality.")),
            Column("council_meeting_date", _("For the step on the agenda: the municipal council meeting's date.")),
            Column("council_item_number", _("For the step on the agenda: the item's number on that agenda.")),
            Column("answer", _("For the step answered: the municipal council's answer."), OpinionStep.Answer),
            Column("decision_number", _("For the step answered: the municipal council's decision number.")),
            Column("progress", _("For an implementation milestone: progress in per cent (0–100).")),
        ),
    ),
]
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# The files. ------------------------------------------------------------------------------------------------------


def csv_text(dataset, rows):
    return shared.csv_text(dataset.headers, rows)


def json_text(dataset, rows):
    document = {
        "dataset": dataset.slug,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "columns": dataset.headers,
        "rows": [dict(zip(dataset.headers, row, strict=True)) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


@require_safe
def download(request, dataset, extension):
    dataset = BY_SLUG.get(dataset)
    if dataset is None:
        raise Http404
    rows = dataset.rows(request)
    filename = f"kent-konseyi-{dataset.slug}.{extension}"
    if extension == "csv":
        response = HttpResponse(csv_text(dataset, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = HttpResponse(json_text(dataset, rows), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Access-Control-Allow-Origin"] = "*"
    # Anyone may keep a copy for a quarter of an hour; ConditionalGetMiddleware adds the ETag that revalidates it.
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


def urls():
    return [
        path("<slug:dataset>.csv", download, {"extension": "csv"}, name="csv"),
        path("<slug:dataset>.json", download, {"extension": "json"}, name="json"),
    ]


def file_url(dataset, extension):
    from django.urls import reverse

    return reverse(f"open_data:{extension}", kwargs={"dataset": dataset.slug})
