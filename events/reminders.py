"""E-mail reminders the day before each occurrence, for everyone with a place.

`send_due()` is idempotent (one ReminderSent row per person and occurrence), so
it may run as often as wanted: by the self-rescheduling task the worker runs
every morning, or by `manage.py send_event_reminders` from cron.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from events import recurrence

SEND_AT = datetime.time(10, 0)


def send_due(today=None):
    """Remind people of every occurrence that starts tomorrow (Istanbul time); returns how many were sent."""
    from events.calendar import occurrences_between
    from events.models import EventPage, Registration, ReminderSent
    from events.registrations import notify

    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = recurrence.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    end = start + datetime.timedelta(days=1)
    events = EventPage.objects.live().exclude(registration=EventPage.Registration.NONE).prefetch_related("exceptions")
    sent = 0
    for occurrence in occurrences_between(events, start, end):
        if occurrence.is_cancelled or not (start <= occurrence.starts_at < end):
            continue
        # A place is for one date of a series (older places without a date: every date).
        people = (
            Registration.objects.filter(event=occurrence.event, status=Registration.Status.CONFIRMED)
            .filter(Q(occurrence_date=occurrence.series_date) | Q(occurrence_date__isnull=True))
            .select_related("user")
        )
        for registration in people:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(registration=registration, occurrence_start=occurrence.starts_at)
            except IntegrityError:
                continue  # reminded already
            notify(registration, "reminder", occurrence.event, occurrence)
            sent += 1
    return sent


def schedule_next(after=None):
    """Book the reminder task for the next 10:00 in Istanbul, unless one is already waiting."""
    from config.tasks import book_once, next_time_of_day
    from events.tasks import send_reminders

    return book_once(send_reminders, next_time_of_day(SEND_AT, after or timezone.now()))
