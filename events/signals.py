from django.db import transaction

from events.models import EventPage, Registration


def after_publish(sender, instance, **kwargs):
    """After an event is published: give freed places to the waitlist, and tell people of changes (everyone
    registered when the whole event changed, those of the dates concerned when single dates did)."""
    event = instance.specific if not isinstance(instance, EventPage) else instance
    if not isinstance(event, EventPage):
        return
    if getattr(event, "_changed_dates", None):
        copy_dates_to_translations(event)
    if event.registration == EventPage.Registration.NONE:
        return
    from events import registrations, tasks

    with transaction.atomic():
        EventPage.objects.select_for_update(of=("self",)).only("pk").get(pk=event.pk)
        registrations.fill_places(event)
    if getattr(event, "_significant_change", False):
        transaction.on_commit(lambda: tasks.tell_registered_people.enqueue(event.pk))
    elif getattr(event, "_changed_dates", None):
        # Only some dates were cancelled, moved or restored: only the people registered for them are told.
        dates = sorted(day.isoformat() for day in event._changed_dates)
        transaction.on_commit(lambda: tasks.tell_registered_people.enqueue(event.pk, dates))


def copy_dates_to_translations(event):
    """A series' cancelled and moved dates are the same in every language: when the event in the default language
    changes them, its translations get the same, so their pages and feeds (with a new SEQUENCE) show them too.

    A translation without unpublished changes is republished; one with a translator's draft waiting has only its
    live page updated, and the draft is left as it is.
    """
    from django.conf import settings

    from events.models import EventException
    from theme import chrome

    if chrome.language_code(event.locale_id) != settings.LANGUAGE_CODE:
        return
    dates = list(event.exceptions.all())
    for translation in EventPage.objects.filter(translation_key=event.translation_key).exclude(pk=event.pk):
        translation.exceptions = [
            EventException(
                occurrence_date=exception.occurrence_date,
                action=exception.action,
                new_starts_at=exception.new_starts_at,
                new_ends_at=exception.new_ends_at,
            )
            for exception in dates
        ]
        if translation.live and not translation.has_unpublished_changes:
            translation.save_revision(log_action=True).publish()
        else:
            translation.save()


def export_registrations(user):
    registrations = Registration.objects.filter(user=user).select_related("event").prefetch_related("event__exceptions")
    return [
        {
            "event": registration.event.title,
            # The date the person chose in a series (as moved, if it was), not the series' first date.
            "starts_at": _starts_at(registration).isoformat(),
            "date_cancelled": bool(
                registration.occurrence_date and getattr(registration.occurrence(), "cancelled", False)
            ),
            "status": str(registration.get_status_display()),
            "check_in_code": registration.code,
            "registered_at": registration.created_at.isoformat(),
            "cancelled_at": registration.cancelled_at.isoformat() if registration.cancelled_at else None,
        }
        for registration in registrations
    ]


def _starts_at(registration):
    occurrence = registration.occurrence() if registration.occurrence_date else None
    return occurrence.starts_at if occurrence else registration.event.starts_at


def connect_feed_invalidation():
    """Cached feed fingerprints go stale whenever what a feed shows may have changed."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from events.views import bump_feed_version

    def for_events(sender, **kwargs):
        if issubclass(sender, EventPage):
            bump_feed_version()

    page_published.connect(for_events, dispatch_uid="events_feed_published", weak=False)
    page_unpublished.connect(for_events, dispatch_uid="events_feed_unpublished", weak=False)
    post_delete.connect(bump_feed_version, sender=EventPage, dispatch_uid="events_feed_deleted")
    post_page_move.connect(bump_feed_version, dispatch_uid="events_feed_moved")
    post_save.connect(bump_feed_version, sender=PageViewRestriction, dispatch_uid="events_feed_restricted")
    post_delete.connect(bump_feed_version, sender=PageViewRestriction, dispatch_uid="events_feed_unrestricted")
