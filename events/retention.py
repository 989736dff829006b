"""Retention of event registrations (KVKK, Law 6698 art. 7): registered in EventsConfig.ready().

A place at an event (who registered, their check-in code and attendance, the reminders sent) is kept
`RETENTION_EVENT_REGISTRATION_DAYS` after the date it was for (the event's end when it names none):
time to answer a question on attendance and to count the year's figures. Then it is deleted.
"""

from django.db.models import Q
from django.utils import timezone

from accounts import personal_data
from events.models import EventPage, Registration

DEFAULT_EVENT_REGISTRATION_DAYS = 365


def due_registrations(cutoff):
    """Places for a date before `cutoff`, unless their event (say, a postponed one) still ends after it."""
    still_on = EventPage.objects.filter(series_ends_at__gte=cutoff).values("pk")
    ended = EventPage.objects.filter(series_ends_at__lt=cutoff).values("pk")
    return Registration.objects.filter(
        (Q(occurrence_date__lt=timezone.localdate(cutoff)) & ~Q(event__in=still_on))
        | Q(occurrence_date__isnull=True, event__in=ended)
    )


def delete_registrations(cutoff, now, size):
    return {"event_registrations": personal_data.delete_in_batches(due_registrations(cutoff), size)}


RULES = [
    personal_data.RetentionRule(
        name="event_registrations",
        app="events",
        what="registrations, check-ins and reminders of past events, from the date: deleted",
        setting="RETENTION_EVENT_REGISTRATION_DAYS",
        default_days=DEFAULT_EVENT_REGISTRATION_DAYS,
        due=due_registrations,
        apply=delete_registrations,
    )
]
