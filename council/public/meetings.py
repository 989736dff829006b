"""Public pages of the council's meetings: the list (upcoming and past, by body) and each meeting's page with
its agenda, attachments and calendar entry; the minutes, once approved, are the minutes slice's include.

A meeting of a public body is shown once it is announced (its invitations went out) or once its day has come
(a past meeting typed in afterwards, with its minutes); a meeting still being prepared is not.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from council.models import Body, Meeting

PAST_PER_PAGE = 20
MINUTES_TEMPLATE = "council/includes/minutes.html"


def published(now=None):
    now = now or timezone.now()
    return Meeting.objects.filter(body__is_public=True).filter(
        Q(invitations_sent_at__isnull=False) | Q(starts_at__lt=now) | Q(minutes_approved_at__isnull=False)
    )


def index(request, page):
    now = timezone.now()
    bodies = list(Body.objects.public())
    chosen = next((body for body in bodies if body.slug == request.GET.get("kurul")), None)
    meetings = published(now).select_related("body")
    if chosen:
        meetings = meetings.filter(body=chosen)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at"))
    past = Paginator(meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk"), PAST_PER_PAGE)
    return page.render(
        request,
        template="council/meetings.html",
        context_overrides={
            "bodies": bodies,
            "chosen_body": chosen,
            "upcoming": upcoming,
            "past_page": past.get_page(request.GET.get("sayfa")),
            "meetings_url": page.url + page.reverse_subpage("meetings"),
        },
    )


def _minutes_template():
    """The minutes slice's include, when it exists."""
    try:
        get_template(MINUTES_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return MINUTES_TEMPLATE


def detail(request, page, pk):
    meeting = published().select_related("body", "event", "reconvenes").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    items = list(meeting.agenda_items.prefetch_related("attachments__document"))
    event = meeting.event if meeting.event_id and meeting.event.live else None
    return page.render(
        request,
        template="council/meeting.html",
        context_overrides={
            "meeting": meeting,
            "items": items,
            "event": event,
            "minutes_template": _minutes_template(),
            "meetings_url": page.url + page.reverse_subpage("meetings"),
            "reconvened_url": page.url + page.reverse_subpage("meeting", args=[meeting.reconvenes_id])
            if meeting.reconvenes_id
            else "",
        },
    )
