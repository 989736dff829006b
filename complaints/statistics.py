"""The register's figures for a period, laid out as the annual report's tables.

Every table is counted by the database (a handful of grouped queries, whatever the
number of cases), so a year of the Çözüm Merkezi's work is summed in well under a second.
"""

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Case, CaseEvent, Channel, Directorate, SocialPlatform, Topic
from config.reports import Report, Table, period
from places.models import Neighbourhood

# The channels in the annual report's order (the seed's table), then the others.
REPORT_CHANNELS = [
    Channel.PHONE,
    Channel.INTERNET,
    Channel.IN_PERSON,
    Channel.INFORMATION,
    Channel.CIMER,
    Channel.ACIK_KAPI,
    Channel.BEYAZ_MASA,
]


def _days(duration):
    return round(duration.total_seconds() / 86400, 1) if duration is not None else None


def _medians(cases):
    """{directorate id: the median time to answer} of the answered `cases`, in one query whatever their number.

    The database numbers each directorate's answered cases by their time to answer and returns only the middle
    one or two (SQLite has no median aggregate; PostgreSQL's percentile_cont is not portable).
    """
    answered = cases.exclude(directorate=None).exclude(completed_in=None)
    ranked = answered.annotate(
        position=Window(RowNumber(), partition_by=[F("directorate")], order_by=[F("completed_in").asc(), F("pk")]),
        size=Window(Count("pk"), partition_by=[F("directorate")]),
    )
    middle = ranked.filter(Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2))
    found = {}
    for directorate, duration in middle.values_list("directorate", "completed_in"):
        found.setdefault(directorate, []).append(duration)
    return {directorate: sum(values, type(values[0])()) / len(values) for directorate, values in found.items()}


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


# Per directorate, in the query that counts its cases: the answering table's figures beside the directorates'.
ANSWERING_FIGURES = {
    "answered": Count("id", filter=Q(answered_on__isnull=False)),
    "in_time": Count("id", filter=Q(answered_on__lte=F("due_on"))),
    "rated": Count("satisfaction"),
    "satisfaction": Avg("satisfaction"),
}


def answering_table(cases, figures, directorates, begin, finish):
    """Per directorate: how many cases, how many answered, the median days to answer, the share answered within the
    legal deadline, reopenings in the period (the resident said "not fixed") and the residents' satisfaction.

    `figures` are the directorates' counts (with ANSWERING_FIGURES and `due`); the share within the deadline counts
    every case whose deadline has come: answered ones (on or before `due_on`, or after it) and open ones already
    past it, so a case left unanswered counts against its directorate.
    """
    reopened = dict(
        CaseEvent.objects.filter(action=CaseEvent.Action.REOPENED, at__gte=begin, at__lt=finish)
        .exclude(case__directorate=None)
        .order_by()
        .values_list("case__directorate")
        .annotate(count=Count("id"))
    )
    medians = _medians(cases)
    empty = {"count": 0, "answered": 0, "in_time": 0, "due": 0, "rated": 0, "satisfaction": None}
    rows = []
    for directorate in directorates:
        if directorate.pk not in figures and directorate.pk not in reopened:
            continue
        row = figures.get(directorate.pk, empty)
        rows.append(
            (
                str(directorate),
                row["count"],
                row["answered"],
                _days(medians.get(directorate.pk)),
                _percent(row["in_time"], row["due"]),
                reopened.get(directorate.pk, 0),
                round(row["satisfaction"], 1) if row["satisfaction"] is not None else None,
                row["rated"],
            )
        )
    return Table(
        "answering",
        _("How each directorate answers: time, deadline, reopenings and satisfaction"),
        [
            _("Directorate"),
            _("Cases"),
            _("Answered"),
            _("Median days to answer"),
            _("Answered within the legal deadline (%)"),
            _("Reopened (not fixed)"),
            _("Satisfaction (1–5)"),
            _("Rated by"),
        ],
        rows,
        chart_column=4,
    )


def report(start, end, today=None):
    today = today or timezone.localdate()
    begin, finish = period(start, end)
    cases = Case.objects.filter(received_at__gte=begin, received_at__lt=finish).order_by()
    total = cases.count()

    by_channel = {
        row["channel"]: row for row in cases.values("channel").annotate(count=Count("id"), days=Avg("completed_in"))
    }
    # The report's seven channels always, the others when they had cases.
    shown = REPORT_CHANNELS + [
        channel for channel in Channel.values if channel in by_channel and channel not in REPORT_CHANNELS
    ]
    empty = {"count": 0, "days": None}
    channel_table = Table(
        "channels",
        _("Cases by channel"),
        [_("Channel"), _("Cases"), _("Average days to complete")],
        [
            (
                str(Channel(channel).label),
                by_channel.get(channel, empty)["count"],
                _days(by_channel.get(channel, empty)["days"]),
            )
            for channel in shown
        ],
        total=(_("Total"), total, None),
    )

    top = list(cases.exclude(topic=None).values("topic").annotate(count=Count("id")).order_by("-count", "topic")[:10])
    # str(): the name in the page's language (the English site's name_en), Turkish for everything else.
    names = {topic.pk: str(topic) for topic in Topic.objects.filter(pk__in=[row["topic"] for row in top])}
    topic_table = Table(
        "topics",
        _("The ten most frequent topics"),
        [_("Topic"), _("Cases")],
        [(names[row["topic"]], row["count"]) for row in top],
    )

    by_place = dict(cases.exclude(neighbourhood=None).values_list("neighbourhood").annotate(count=Count("id")))
    places = list(Neighbourhood.objects.in_turkish_order().values_list("pk", "name"))
    place_rows = [(name, by_place.get(pk, 0)) for pk, name in places]
    place_table = Table(
        "neighbourhoods",
        _("Complaints and requests by neighbourhood"),
        [_("Neighbourhood"), _("Cases")],
        place_rows,
        total=(_("Total"), sum(count for _name, count in place_rows)),
    )

    by_platform = {
        row["social_platform"]: row
        for row in cases.exclude(social_platform="")
        .values("social_platform")
        .annotate(count=Count("id"), days=Avg("completed_in"))
    }
    social_table = Table(
        "social",
        _("Cases passed on from social media"),
        [_("Account"), _("Cases"), _("Average days to complete")],
        [
            (
                str(platform.label),
                by_platform.get(platform.value, {}).get("count", 0),
                _days(by_platform.get(platform.value, {}).get("days")),
            )
            for platform in SocialPlatform
        ],
    )

    by_directorate = {
        row["directorate"]: row
        for row in cases.exclude(directorate=None)
        .values("directorate")
        .annotate(
            count=Count("id"),
            days=Avg("completed_in"),
            late=Count("id", filter=Q(answered_on__gt=F("due_on"))),
            overdue=Count("id", filter=Q(status__in=Case.OPEN_STATUSES, due_on__lt=today)),
            due=Count("id", filter=Q(answered_on__isnull=False) | Q(status__in=Case.OPEN_STATUSES, due_on__lt=today)),
            **ANSWERING_FIGURES,
        )
    }
    # Every directorate (a few dozen): the answering table also names those with only a reopening in the period.
    directorates = list(Directorate.objects.all())
    directorate_table = Table(
        "directorates",
        _("Directorates: cases, average days to complete, answered late, open and overdue"),
        [_("Directorate"), _("Cases"), _("Average days to complete"), _("Answered late"), _("Overdue now")],
        [
            (
                str(directorate),
                by_directorate[directorate.pk]["count"],
                _days(by_directorate[directorate.pk]["days"]),
                by_directorate[directorate.pk]["late"],
                by_directorate[directorate.pk]["overdue"],
            )
            for directorate in directorates
            if directorate.pk in by_directorate
        ],
    )
    answering = answering_table(cases, by_directorate, directorates, begin, finish)
    return Report(
        start, end, total, [channel_table, topic_table, place_table, social_table, directorate_table, answering]
    )
