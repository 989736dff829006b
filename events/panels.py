"""A coordinator's dashboard: the next events of their assemblies, with registrations and places left."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from assemblies.panels import add_page_buttons, kept_table
from events import recurrence
from events.models import EventPage, Registration

# Registrations (and so the figures of the dashboard's table) change under this version; events/apps.py bumps it.
REGISTRATIONS = "registrations"

# How far ahead the dashboard looks: the coming weeks a coordinator prepares for.
LOOK_AHEAD = datetime.timedelta(days=90)


def next_events(assemblies, limit=5, now=None):
    """The live events below `assemblies` with an occurrence in the coming weeks, soonest first,
    each with `next` (its next occurrence), and `confirmed`, `waitlisted` and `places_left` (None: no limit)
    on that date."""
    now = now or timezone.now()
    if not assemblies:
        return []
    under = Q()
    for assembly in assemblies:
        under |= Q(path__startswith=assembly.path, depth=assembly.depth + 1)
    events = (
        EventPage.objects.live()
        .filter(under)
        .exclude(status=EventPage.Status.CANCELLED)
        .filter(EventPage.objects.overlapping_q(now, now + LOOK_AHEAD))
        .distinct()
        .defer_streamfields()  # the panel shows titles, dates and places: no page's body is read
        .prefetch_related("exceptions")
    )
    found = []
    for event in events:
        upcoming = [
            occurrence
            for occurrence in recurrence.occurrences(event, now, now + LOOK_AHEAD, list(event.exceptions.all()))
            if not occurrence.is_cancelled and occurrence.starts_at >= now
        ]
        if not upcoming:
            continue
        event.next = upcoming[0]
        event.takes_registrations = event.registration != EventPage.Registration.NONE
        event.attendees_url = reverse("events_admin:attendees", args=[event.pk])
        if event.is_recurring:
            event.attendees_url += f"?tarih={event.next.series_date.isoformat()}"
        found.append(event)
    found.sort(key=lambda event: event.next.starts_at)
    found = found[:limit]
    _count_next_dates(found)
    return found


def _count_next_dates(events):
    """Registrations and places left on each event's next date (places are per date of a series), in one query."""
    counts = {}
    rows = (
        Registration.objects.filter(event__in=[event.pk for event in events])
        .values("event_id", "occurrence_date", "status")
        .annotate(number=Count("pk"))
        .values_list("event_id", "occurrence_date", "status", "number")
    )
    single = {event.pk for event in events if not event.is_recurring}
    for event_id, day, status, number in rows:
        key = (event_id, None if event_id in single else day, status)  # a single event has one date
        counts[key] = counts.get(key, 0) + number
    for event in events:
        day = event.next.series_date if event.is_recurring else None
        event.confirmed = counts.get((event.pk, day, Registration.Status.CONFIRMED), 0)
        event.waitlisted = counts.get((event.pk, day, Registration.Status.WAITLISTED), 0)
        event.places_left = None if event.capacity is None else max(event.capacity - event.confirmed, 0)


class NextEventsPanel(Component):
    name = "next_events"
    order = 30
    template_name = "events/admin/panels/next_events.html"

    def __init__(self, assemblies, user):
        self.assemblies = assemblies
        self.user = user

    def get_context_data(self, parent_context=None):
        add = add_page_buttons(self.assemblies, self.user, _("Add an event"), "events", "eventpage")
        return {"table": next_events_table(self.assemblies), "add_buttons": add}


def next_events_table(assemblies):
    return kept_table(
        "next-events",
        "events/admin/panels/next_events_table.html",
        assemblies,
        REGISTRATIONS,
        lambda: {"events": next_events(assemblies), "several": len(assemblies) > 1},
    )
