"""The weekly digest: per follower, what changed in what they follow since their last digest.

News are the meetings announced (or called off) for a followed body (or a body of a followed assembly), minutes approved for them,
and steps recorded on a followed opinion (or an opinion of those bodies). A person with no news gets no e-mail.
Each digest's `last_built_at` moves on whether or not it sent anything, so each change is told once.

`send_due()` may run as often as wanted: a digest is built at most once in `EVERY` (less a little slack, so the
weekly run is never skipped for being a few minutes early). It runs from the self-rescheduling task below every
Monday morning, or from `manage.py send_council_digest` (cron).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from config.tasks import book_once
from council.models import Body, CouncilPage, Follow, FollowDigest, Meeting, OpinionStep
from outbox.mail import send_email

EVERY = datetime.timedelta(days=7)
SLACK = datetime.timedelta(hours=12)
SEND_WEEKDAY = 0  # Monday
SEND_AT = datetime.time(9, 0)


@dataclass
class News:
    """What changed for one person between `since` and `until`."""

    since: datetime.datetime
    until: datetime.datetime
    meetings: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    minutes: list = field(default_factory=list)
    steps: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.meetings or self.cancelled or self.minutes or self.steps)


def followed_bodies(user_id):
    """The public bodies `user_id` follows, directly or through a followed assembly (a query, not evaluated)."""
    follows = Follow.objects.filter(user_id=user_id)
    return Body.objects.public().filter(
        Q(pk__in=follows.filter(body__isnull=False).values("body"))
        | Q(assembly__in=follows.filter(assembly__isnull=False).values("assembly"))
    )


def collect(user_id, since, until):
    """The news for `user_id` after `since` up to `until`: three queries, however many things they follow."""
    bodies = followed_bodies(user_id)
    # A meeting is news once announced (its invitations sent: its calendar entry is published then), and
    # again if it is called off; a meeting convened but not announced is the secretariat's draft.
    announced = Meeting.objects.filter(body__in=bodies).filter(
        Q(invitations_sent_at__gt=since, invitations_sent_at__lte=until)
        | Q(invitations_sent_at__isnull=False, cancelled_at__gt=since, cancelled_at__lte=until)
    )
    meetings, cancelled = [], []
    for meeting in announced.select_related("body").order_by("starts_at", "pk"):
        (cancelled if meeting.cancelled_at and meeting.cancelled_at <= until else meetings).append(meeting)
    minutes = list(
        Meeting.objects.filter(body__in=bodies, minutes_approved_at__gt=since, minutes_approved_at__lte=until)
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    followed_opinions = Follow.objects.filter(user_id=user_id, opinion__isnull=False).values("opinion")
    steps = list(
        OpinionStep.objects.filter(
            recorded_at__gt=since,
            recorded_at__lte=until,
            opinion__is_public=True,
            opinion__body__is_public=True,
        )
        .filter(Q(opinion__in=followed_opinions) | Q(opinion__body__in=bodies))
        .select_related("opinion")
        .order_by("opinion__year", "opinion__sequence", "date", "recorded_at", "pk")
    )
    return News(since=since, until=until, meetings=meetings, cancelled=cancelled, minutes=minutes, steps=steps)


def due(now):
    """The digests to build at `now`: never built, or built at least a week (less the slack) ago."""
    return FollowDigest.objects.filter(user__is_active=True).filter(
        Q(last_built_at__isnull=True) | Q(last_built_at__lte=now - EVERY + SLACK)
    )


def send_due(now=None):
    """Build every due digest and e-mail those with news; returns how many e-mails were sent."""
    now = now or timezone.now()
    links = Links()
    sent = 0
    for pk in list(due(now).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            # Another worker may be on the same digest: it is taken by one only, and built once.
            digest = (
                due(now).select_for_update(skip_locked=True, of=("self",)).select_related("user").filter(pk=pk).first()
            )
            if digest is None:
                continue
            news = collect(digest.user_id, digest.since, now)
            digest.last_built_at = now
            digest.save(update_fields=["last_built_at"])
            if news:
                send(digest, news, links)
                sent += 1
    return sent


class Links:
    """Absolute addresses for the e-mails, worked out once per language for a whole run."""

    def __init__(self):
        self._pages = {}

    def page(self, language):
        if language not in self._pages:
            page = CouncilPage.for_language(language)
            self._pages[language] = (page, page.full_url if page else None)
        return self._pages[language]

    def _sub(self, language, name, **kwargs):
        page, url = self.page(language)
        if page is None or url is None:
            return ""
        return url.rstrip("/") + "/" + page.reverse_subpage(name, kwargs=kwargs).lstrip("/")

    def meeting(self, language, meeting):
        return self._sub(language, "meeting", pk=meeting.pk)

    def opinion(self, language, opinion):
        return self._sub(language, "opinion", year=str(opinion.year), sequence=str(opinion.sequence))

    @staticmethod
    def site(path):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language(digest):
    known = {code for code, _name in settings.LANGUAGES}
    return digest.language if digest.language in known else settings.LANGUAGE_CODE


def send(digest, news, links):
    """E-mail `news` to the digest's person in their language, with a one-click way to stop (RFC 8058)."""
    language = _language(digest)
    user = digest.user
    with translation.override(language):
        stop_url = links.site(reverse("council:stop_digest", args=[digest.token]))
        mine_url = links.site(reverse("council:my_follows"))
        context = {
            "name": user.get_full_name() or user.email,
            "news": news,
            "meetings": [(meeting, links.meeting(language, meeting)) for meeting in news.meetings],
            "cancelled": [(meeting, links.meeting(language, meeting)) for meeting in news.cancelled],
            "minutes": [(meeting, links.meeting(language, meeting)) for meeting in news.minutes],
            "steps": [(step, links.opinion(language, step.opinion)) for step in news.steps],
            "stop_url": stop_url,
            "mine_url": mine_url,
        }
        subject = " ".join(render_to_string("council/email/digest_subject.txt", context, using="text").split())
        body = render_to_string("council/email/digest_body.txt", context, using="text")
        html = render_to_string("council/email/digest_body.html", context)
    return send_email(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        html=html,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        language=language,
        after_commit=True,
    )


def next_run(after):
    """The next Monday 09:00 in Istanbul after `after`."""
    local = timezone.localtime(after)
    day = local.date() + datetime.timedelta(days=(SEND_WEEKDAY - local.weekday()) % 7)
    run_at = timezone.make_aware(datetime.datetime.combine(day, SEND_AT))
    if run_at <= after:
        run_at += datetime.timedelta(days=7)
    return run_at


def schedule_next(after=None):
    """Book the digest task for the next Monday morning, unless one is already waiting."""
    return book_once(send_weekly_digest, next_run(after or timezone.now()))


@task()
def send_weekly_digest():
    """The weekly digests; then the task books itself for next Monday."""
    send_due()
    schedule_next(timezone.now() + datetime.timedelta(hours=1))
