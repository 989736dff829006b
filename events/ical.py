"""iCalendar for calendar applications (RFC 5545), built with the `icalendar` library.

Each event serialises its own VEVENT blocks when its page is saved
(`serialise_event`, stored in EventPage.ical_component), so a feed of thousands
of events is one query and a join. What real clients need, and where it is done:

- a stable UID (the page's translation key: the same event in both languages);
- DTSTAMP and LAST-MODIFIED from the last publication, never "now";
- SEQUENCE raised when the time, place, recurrence or status changes, or a date
  of a series is cancelled, moved or restored (the overrides carry it too);
- TZID=Europe/Istanbul with a VTIMEZONE covering its whole history (1970–2038);
- RRULE with UNTIL in UTC inside it, EXDATE for cancelled dates, RECURRENCE-ID
  for moved ones; a cancelled event stays in the feed with STATUS:CANCELLED;
- all-day events as VALUE=DATE with the day after the last as DTEND;
- NAME and X-WR-CALNAME, REFRESH-INTERVAL and X-PUBLISHED-TTL on the calendar;
- never an empty calendar: the VTIMEZONE is always there;
- METHOD:PUBLISH, so every VEVENT names the council as its ORGANIZER (RFC 5546
  requires one; the address is DEFAULT_FROM_EMAIL's, its name the CN).
"""

import datetime
import functools
from email.utils import parseaddr

from django.conf import settings
from django.utils import translation
from icalendar import Calendar, Event, Timezone, vCalAddress, vRecur, vText

from events import recurrence
from theme.exports import safe_text

UID_DOMAIN = "kentkonseyi.umraniye.bel.tr"
PRODID = "-//Ümraniye Kent Konseyi//Etkinlik Takvimi//TR"
REFRESH = datetime.timedelta(hours=1)
CONTENT_TYPE = "text/calendar; charset=utf-8"
ORGANIZER_NAME = "Ümraniye Kent Konseyi"
# Changes that calendar applications must act on: a new SEQUENCE and an e-mail to registered people.
SIGNIFICANT_FIELDS = [
    "starts_at",
    "ends_at",
    "all_day",
    "status",
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_until",
    "repeat_count",
    "venue_name",
    "venue_address",
    "online_url",
]


def significant_change(previous, event):
    """Whether `event` differs from the stored values `previous` in what people plan around."""
    return any(previous[name] != getattr(event, name) for name in SIGNIFICANT_FIELDS)


def _exception_key(exception):
    if exception.action == "cancelled":
        return ("cancelled", None, None)
    return (exception.action, exception.new_starts_at, exception.new_ends_at)


def changed_dates(event):
    """The dates of a series whose exception the editor added, removed or changed (cancelled, moved, moved
    elsewhere, restored), comparing the stored exceptions with those about to be saved. They change the feed
    (EXDATE, a RECURRENCE-ID override) as much as a new time does, and concern the people registered for them."""
    from events.models import EventException

    if not event.pk:
        return set()
    stored = {row.occurrence_date: _exception_key(row) for row in EventException.objects.filter(page_id=event.pk)}
    coming = {exception.occurrence_date: _exception_key(exception) for exception in event.exceptions.all()}
    return {day for day in stored.keys() | coming.keys() if stored.get(day) != coming.get(day)}


@functools.cache
def istanbul_vtimezone():
    """Europe/Istanbul as a VTIMEZONE with every offset change from 1970 to 2038 (computed once per process)."""
    return (
        Timezone.from_tzid(
            settings.TIME_ZONE, first_date=datetime.date(1970, 1, 1), last_date=datetime.date(2038, 1, 1)
        )
        .to_ical()
        .decode()
    )


def organizer():
    """The council as the ORGANIZER that METHOD:PUBLISH requires: the address the council's e-mails come from."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    value = vCalAddress(f"mailto:{address}")
    value.params["CN"] = vText(name or ORGANIZER_NAME)
    return value


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def _local(moment):
    return moment.astimezone(recurrence.ISTANBUL)


def _times(event, starts_at, ends_at, component):
    if event.all_day:
        first = _local(starts_at).date()
        end = _local(ends_at).date()
        component.add("dtstart", first)
        component.add("dtend", max(end, first + datetime.timedelta(days=1)))
    else:
        component.add("dtstart", _local(starts_at))
        component.add("dtend", _local(ends_at))


def _common(event, component, url):
    stamp = _utc(event.last_published_at or event.latest_revision_created_at or event.first_published_at or _now())
    component.add("uid", event.ical_uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    if event.first_published_at:
        component.add("created", _utc(event.first_published_at))
    component.add("sequence", event.sequence)
    component.add("organizer", organizer())
    component.add("summary", safe_text(event.title))
    description = event.summary
    if url:
        description = f"{description}\n\n{url}"
        component.add("url", url)
    component.add("description", safe_text(description))
    location = ", ".join(part for part in [event.venue_name, event.venue_address] if part) or event.online_url
    if location:
        component.add("location", safe_text(location))
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("categories", [str(event.get_category_display())])
    component.add("status", "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED")
    component.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")


def _now():
    return datetime.datetime.now(datetime.UTC)


def _rrule(event):
    rule = {"freq": event.repeat.upper(), "interval": max(1, event.repeat_interval or 1)}
    if event.repeat == event.Repeat.WEEKLY:
        rule["byday"] = event.repeat_weekdays or [recurrence.WEEKDAYS[_local(event.starts_at).weekday()]]
    if event.repeat_count:
        rule["count"] = event.repeat_count
    elif event.repeat_until:
        if event.all_day:
            rule["until"] = event.repeat_until
        else:
            rule["until"] = _utc(recurrence.make_aware(recurrence.until_bound(event)))
    return vRecur(rule)


def event_components(event, url=None):
    """The VEVENTs of one event: the event (with its rule) and one per moved repetition."""
    master = Event()
    _times(event, event.starts_at, event.ends_at, master)
    _common(event, master, url)
    components = [master]
    if event.is_recurring:
        master.add("rrule", _rrule(event))
        start_time = _local(event.starts_at).time().replace(tzinfo=None)
        for exception in event.exceptions.all():
            original_naive = datetime.datetime.combine(exception.occurrence_date, start_time)
            original = recurrence.make_aware(original_naive)
            if exception.action == exception.Action.CANCELLED:
                master.add("exdate", exception.occurrence_date if event.all_day else original)
            else:
                moved = Event()
                _times(event, exception.new_starts_at, exception.new_ends_at, moved)
                _common(event, moved, url)
                moved.add("recurrence-id", exception.occurrence_date if event.all_day else original)
                components.append(moved)
    return components


def serialise_event(event):
    """The event's VEVENT text, ready to be placed in any feed of its language."""
    try:
        url = event.get_full_url()
    except Exception:  # not routable yet (no site, or still being created)
        url = None
    with translation.override(event.locale.language_code if event.locale_id else settings.LANGUAGE_CODE):
        return "".join(component.to_ical().decode() for component in event_components(event, url))


def calendar_text(name, description, components):
    """A whole VCALENDAR around already serialised VEVENT blocks."""
    header = Calendar()
    header.add("prodid", PRODID)
    header.add("version", "2.0")
    header.add("calscale", "GREGORIAN")
    header.add("method", "PUBLISH")
    header.add("name", safe_text(name))
    header.add("x-wr-calname", safe_text(name))
    header.add("x-wr-caldesc", safe_text(description))
    header.add("x-wr-timezone", settings.TIME_ZONE)
    header.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    header.add("x-published-ttl", "PT1H")
    opening = header.to_ical().decode().removesuffix("END:VCALENDAR\r\n")
    return opening + istanbul_vtimezone() + "".join(components) + "END:VCALENDAR\r\n"


def single_event_calendar(event):
    return calendar_text(event.title, event.summary, [event.ical_component or serialise_event(event)])
