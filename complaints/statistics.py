"""The register's figures for a period, laid out as the annual report's tables.

Every table is counted by the database (a handful of grouped queries, whatever the
number of cases), so a year of the Çözüm Merkezi's work is summed in well under a second.
"""

from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Case, Channel, Directorate, SocialPlatform, Topic
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


def report(start, end, today=None):
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
    names = dict(Topic.objects.filter(pk__in=[row["topic"] for row in top]).values_list("pk", "name"))
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
            overdue=Count("id", filter=Q(status__in=Case.OPEN_STATUSES, due_on__lt=today or timezone.localdate())),
        )
    }
    directorates = Directorate.objects.filter(pk__in=by_directorate)
    directorate_table = Table(
        "directorates",
        _("Directorates: cases, average days to complete, answered late, open and overdue"),
        [_("Directorate"), _("Cases"), _("Average days to complete"), _("Answered late"), _("Overdue now")],
        [
            (
                directorate.name,
                by_directorate[directorate.pk]["count"],
                _days(by_directorate[directorate.pk]["days"]),
                by_directorate[directorate.pk]["late"],
                by_directorate[directorate.pk]["overdue"],
            )
            for directorate in directorates
        ],
    )
    return Report(start, end, total, [channel_table, topic_table, place_table, social_table, directorate_table])
