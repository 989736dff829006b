import datetime

from django.utils import timezone
from django_tasks import task

from events import reminders


@task()
def tell_registered_people(event_id, dates=None):
    """E-mail everyone registered or waiting that the event changed or was cancelled; with `dates` (ISO dates of
    a series), only the people registered for those dates, that their date was cancelled or changed."""
    import datetime

    from events.models import EventPage, Registration
    from events.registrations import notify

    event = EventPage.objects.get(pk=event_id)
    people = (
        Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED).select_related("user")
    )
    if dates is not None:
        people = people.filter(occurrence_date__in=[datetime.date.fromisoformat(day) for day in dates])
    for registration in people:
        occurrence = registration.occurrence()
        if event.status == EventPage.Status.CANCELLED:
            kind = "cancelled_event"
        elif occurrence is not None and occurrence.cancelled:
            kind = "cancelled_date"
        else:
            kind = "changed_event"
        notify(registration, kind, event, occurrence)


@task()
def send_reminders():
    """The daily reminders; then the task books itself for the same time tomorrow."""
    reminders.send_due()
    reminders.schedule_next(timezone.now() + datetime.timedelta(hours=1))
