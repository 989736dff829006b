from django.db import transaction

from events.models import EventPage, Registration


def after_publish(sender, instance, **kwargs):
    """After an event is published: give freed places to the waitlist, and tell people of changes."""
    event = instance.specific if not isinstance(instance, EventPage) else instance
    if not isinstance(event, EventPage) or event.registration == EventPage.Registration.NONE:
        return
    from events import registrations, tasks

    with transaction.atomic():
        EventPage.objects.select_for_update(of=("self",)).only("pk").get(pk=event.pk)
        registrations.fill_places(event)
    if getattr(event, "_significant_change", False):
        transaction.on_commit(lambda: tasks.tell_registered_people.enqueue(event.pk))


def export_registrations(user):
    return [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at.isoformat(),
            "status": str(registration.get_status_display()),
            "check_in_code": registration.code,
            "registered_at": registration.created_at.isoformat(),
            "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        }
        for registration in Registration.objects.filter(user=user).select_related("event")
    ]
