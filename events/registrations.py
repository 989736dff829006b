"""Registering for events: places, the waitlist, check-in codes, and what is e-mailed.

Places are counted under a row lock on the event, so simultaneous registrations
can never fill more places than there are; when someone cancels, the first
person on the waitlist takes the place in the same transaction.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_templated_email
from assemblies.models import Membership
from events import recurrence
from events.models import EventPage, Registration
from theme import chrome

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to confuse at the door
CODE_LENGTH = 6


class RegistrationError(Exception):
    """A registration that cannot be made; the message says why, for people."""


@dataclass
class State:
    """What the event page offers the visitor."""

    open: bool
    reason: str = ""
    registration: Registration | None = None
    needs_login: bool = False
    places_left: int | None = None
    waitlist: bool = False
    dates: list = field(default_factory=list)  # the coming occurrences to choose from, for a series
    occurrence: object = None  # the occurrence the person's place is for
    waitlist_position: int | None = None


def canonical(event):
    """Registrations belong to the event in the default language."""
    if chrome.language_code(event.locale_id) == settings.LANGUAGE_CODE:
        return event
    return EventPage.objects.get(translation_key=event.translation_key, locale__language_code=settings.LANGUAGE_CODE)


def on_date(registrations, event, occurrence_date):
    """The `registrations` for one date of `event`: each date of a series has its own places and waitlist; a
    single event has one date (registrations from before dates were recorded have none)."""
    if event.repeat == EventPage.Repeat.NONE:
        return registrations
    return registrations.filter(occurrence_date=occurrence_date)


def confirmed_count(event, occurrence_date):
    """The places taken on one date: the capacity is that of each date of a series, not of the whole series."""
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    return on_date(confirmed, event, occurrence_date).count()


def places_left_by_date(event, dates):
    """{date: places left} for `dates` of `event` (the canonical one) in one query; None everywhere without a
    limit."""
    if event.capacity is None:
        return dict.fromkeys(dates)
    if not event.is_recurring:
        return dict.fromkeys(dates, max(0, event.capacity - confirmed_count(event, None)))
    taken = dict(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED, occurrence_date__in=dates)
        .values("occurrence_date")
        .annotate(taken=Count("pk"))
        .values_list("occurrence_date", "taken")
    )
    return {day: max(0, event.capacity - taken.get(day, 0)) for day in dates}


def refusal(event, user):
    """Why `user` cannot register for `event` right now (empty when they can)."""
    if event.registration == EventPage.Registration.NONE:
        return str(_("This event needs no registration."))
    if event.status == EventPage.Status.CANCELLED:
        return str(_("This event has been cancelled."))
    if timezone.now() >= event.registration_closes_at():
        return str(_("Registration for this event has closed."))
    if event.registration == EventPage.Registration.MEMBERS and not Membership.objects.has_member(event.assembly, user):
        return str(
            _("Only members of the %(assembly)s can register.")
            % {"assembly": event.assembly.title if event.assembly else ""}
        )
    return ""


def state_for(event, user):
    if event.registration == EventPage.Registration.NONE:
        return State(open=False)
    base = canonical(event)
    if event.is_recurring:
        # Each date has its own places: the dates to choose from say how many are left on each.
        dates = event.bookable_occurrences()
        left = places_left_by_date(base, [occurrence.series_date for occurrence in dates])
        for occurrence in dates:
            occurrence.places_left = left[occurrence.series_date]
        places_left = None
        waitlist = bool(dates) and all(occurrence.places_left == 0 for occurrence in dates)
    else:
        dates = []
        places_left = places_left_by_date(base, [recurrence.local(base.starts_at).date()]).popitem()[1]
        waitlist = places_left == 0
    if not user.is_authenticated:
        return State(open=True, needs_login=True, places_left=places_left, waitlist=waitlist, dates=dates)
    existing = Registration.objects.filter(event=base, user=user).exclude(status=Registration.Status.CANCELLED).first()
    reason = refusal(base, user)
    return State(
        open=not reason,
        reason=reason,
        registration=existing,
        places_left=places_left,
        waitlist=waitlist,
        dates=dates,
        occurrence=existing.occurrence() if existing else None,
        waitlist_position=waitlist_position(existing) if existing else None,
    )


def waitlist_position(registration):
    """1 for the first person waiting, and so on; None for anyone not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    waiting = Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITLISTED)
    ahead = on_date(waiting, registration.event, registration.occurrence_date).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def waitlist_positions(found):
    """{pk: position} for the waitlisted among `found` (registrations with their event), as waitlist_position
    counts it, in one query for all of them: a person's own list shows every place they wait for."""
    waiting = [registration for registration in found if registration.status == Registration.Status.WAITLISTED]
    if not waiting:
        return {}
    lines = {}
    rows = Registration.objects.filter(
        event_id__in={registration.event_id for registration in waiting}, status=Registration.Status.WAITLISTED
    ).values_list("event_id", "occurrence_date", "created_at", "pk")
    for event_id, occurrence_date, created_at, pk in rows:
        lines.setdefault(event_id, []).append((occurrence_date, created_at, pk))
    positions = {}
    for registration in waiting:
        series = registration.event.repeat != EventPage.Repeat.NONE
        mine = (registration.created_at, registration.pk)
        positions[registration.pk] = 1 + sum(
            1
            for occurrence_date, created_at, pk in lines[registration.event_id]
            if (created_at, pk) < mine and not (series and occurrence_date != registration.occurrence_date)
        )
    return positions


def chosen_date(event, value):
    """The series date a person chose (ISO text from the form, or a date), checked against the dates on offer.

    A single event has one date; for a series, no choice means its next date.
    """
    if not event.is_recurring:
        return recurrence.local(event.starts_at).date()
    offered = [occurrence.series_date for occurrence in event.bookable_occurrences()]
    if value in (None, ""):
        if offered:
            return offered[0]
        raise RegistrationError(str(_("This event has no coming date to register for.")))
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            value = None
    if value not in offered:
        raise RegistrationError(str(_("Please choose one of the coming dates.")))
    return value


def _new_code(event):
    taken = set(Registration.objects.filter(event=event).values_list("code", flat=True))
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def register(event, user, occurrence_date=None):
    """Give `user` a place on `occurrence_date` (a date of the series; its next when not given), or a place on
    the waitlist when the event is full; returns the registration."""
    event = canonical(event)
    reason = refusal(event, user)
    if reason:
        raise RegistrationError(reason)
    occurrence_date = chosen_date(event, occurrence_date)
    try:
        with transaction.atomic():
            # The lock makes simultaneous registrations take their turn at counting the places.
            locked = EventPage.objects.select_for_update(of=("self",)).only("pk", "capacity", "repeat").get(pk=event.pk)
            existing = Registration.objects.filter(event=locked, user=user).first()
            if existing and existing.status != Registration.Status.CANCELLED:
                raise RegistrationError(str(_("You are already registered for this event.")))
            full = locked.capacity is not None and confirmed_count(locked, occurrence_date) >= locked.capacity
            status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
            language = get_language() or settings.LANGUAGE_CODE
            if existing:  # registering again after cancelling: a fresh place in the queue
                existing.status, existing.created_at, existing.cancelled_at = status, timezone.now(), None
                existing.occurrence_date, existing.language = occurrence_date, language
                existing.save(update_fields=["status", "created_at", "cancelled_at", "occurrence_date", "language"])
                registration = existing
            else:
                registration = Registration.objects.create(
                    event=locked,
                    user=user,
                    status=status,
                    code=_new_code(locked),
                    occurrence_date=occurrence_date,
                    language=language,
                )
    except IntegrityError as error:  # a double click that reached the database twice
        raise RegistrationError(str(_("You are already registered for this event."))) from error
    _email(registration, "registered" if status == Registration.Status.CONFIRMED else "waitlisted", event)
    return registration


def cancel(registration):
    """Cancel a registration; the first person on the waitlist then gets the place."""
    with transaction.atomic():
        EventPage.objects.select_for_update(of=("self",)).only("pk").get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status == Registration.Status.CANCELLED:
            return None
        freed = registration.status == Registration.Status.CONFIRMED
        registration.status, registration.cancelled_at = Registration.Status.CANCELLED, timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = fill_places(registration.event, registration.occurrence_date) if freed else []
    _email(registration, "cancelled", registration.event)
    return promoted


def fill_places(event, occurrence_date=None):
    """Move people from the waitlist to free places, first come first served, on `occurrence_date` or on every
    date people wait for. Dates that have begun or are cancelled are left alone: a place there is no use.
    Call under the event's lock."""
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)
    if occurrence_date is not None:
        waiting = waiting.filter(occurrence_date=occurrence_date)
    now = timezone.now()
    promoted = []
    if event.is_recurring:
        days = sorted(set(waiting.values_list("occurrence_date", flat=True)), key=lambda day: day or datetime.date.min)
    else:
        days = [recurrence.local(event.starts_at).date()]
    for day in days:
        occurrence = recurrence.occurrence_on(event, day) if day else event.next_occurrence()
        if occurrence is None or occurrence.is_cancelled or occurrence.starts_at <= now:
            continue
        queue = on_date(waiting, event, day).order_by("created_at", "pk")
        free = None if event.capacity is None else max(0, event.capacity - confirmed_count(event, day))
        for registration in queue if free is None else queue[:free]:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status"])
            transaction.on_commit(lambda registration=registration: _email(registration, "promoted", event))
            promoted.append(registration)
    return promoted


def _email(registration, kind, event):
    # The event passed in is fully loaded (the registration's may be the locked row with two fields).
    occurrence = (
        recurrence.occurrence_on(event, registration.occurrence_date)
        if registration.occurrence_date
        else event.next_occurrence()
    )
    notify(registration, kind, event, occurrence)


def in_language(event, language):
    """The event's page in `language` (its title and address there), or the event itself when it has none."""
    if chrome.language_code(event.locale_id) == language:
        return event
    translated = (
        EventPage.objects.live().filter(translation_key=event.translation_key, locale__language_code=language).first()
    )
    return translated or event


def notify(registration, kind, event, occurrence, **context):
    """E-mail `registration`'s person the `events/email/<kind>` message about `occurrence` of `event`, in the
    language they registered in."""
    user = registration.user
    language = registration.language or settings.LANGUAGE_CODE
    send_templated_email(
        f"events/email/{kind}",
        [user.email],
        {
            "registration": registration,
            "event": in_language(event, language),
            "occurrence": occurrence,
            "name": user.get_full_name() or user.email,
            **context,
        },
        language=language,
    )
