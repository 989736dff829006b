import datetime

from django.utils import timezone
from django_tasks import task

from events import reminders


@task()
def tell_registered_people(event_id):
    """E-mail everyone registered or waiting that the event changed or was cancelled."""
    from events.models import EventPage, Registration
    from events.registrations import notify

    event = EventPage.objects.get(pk=event_id)
    kind = "cancelled_event" if event.status == EventPage.Status.CANCELLED else "changed_event"
    people = (
        Registration.objects.filter(event=event).exclude(status=Registration.Status.CANCELLED).select_related("user")
    )
    for registration in people:
        notify(registration, kind, event, registration.occurrence())


@task()
def send_reminders():
    """The daily reminders; then the task books itself for the same time tomorrow."""
    reminders.send_due()
    reminders.schedule_next(timezone.now() + datetime.timedelta(hours=1))
