"""Reading events from an .ics file into an assembly's (or the council's) calendar.

`parse` reads the file with icalendar into plain records, `plan` says for each
what would happen (create, update by UID, or skip and why) without writing,
and `apply` does it. Only what the event editor can express is imported:
daily, weekly (on weekdays), monthly and yearly rules with an interval and an
end by date or count; cancelled and moved single dates.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils.translation import gettext as _
from icalendar import Calendar

from events import recurrence
from events.models import Category, EventException, EventPage
from places.turkish import slugify

SUPPORTED_RULE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"}
UPLOAD_DIRECTORY = "ics-imports"


class IcsError(Exception):
    """The file cannot be imported at all; the message says why, for people."""


@dataclass
class Imported:
    uid: str
    fields: dict = field(default_factory=dict)
    exceptions: list = field(default_factory=list)
    problem: str = ""


@dataclass
class Row:
    imported: Imported
    action: str  # "create", "update" or "skip"
    reason: str = ""
    existing: EventPage | None = None

    @property
    def repeat_label(self):
        repeat = self.imported.fields.get("repeat", EventPage.Repeat.NONE)
        return "" if repeat == EventPage.Repeat.NONE else dict(EventPage.Repeat.choices).get(repeat, "")


def _moment(value):
    """An aware datetime in Istanbul (floating times are taken as Istanbul's), or a date."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return recurrence.make_aware(value)
        return value.astimezone(recurrence.ISTANBUL)
    return value


def _rule(component, record):
    rule = component.get("RRULE")
    if rule is None:
        return
    parts = set(rule.keys())
    unsupported = parts - SUPPORTED_RULE_PARTS
    freq = rule.get("FREQ", [""])[0].lower()
    if unsupported or freq not in recurrence.FREQUENCIES:
        record.problem = _("This repetition rule cannot be edited here (%(rule)s).") % {"rule": rule.to_ical().decode()}
        return
    byday = [str(day) for day in rule.get("BYDAY", [])]
    if byday and (freq != "weekly" or any(day not in recurrence.WEEKDAYS for day in byday)):
        record.problem = _("This repetition rule cannot be edited here (%(rule)s).") % {"rule": rule.to_ical().decode()}
        return
    record.fields.update(
        repeat=freq,
        repeat_interval=int(rule.get("INTERVAL", [1])[0]),
        repeat_weekdays=byday,
        repeat_count=int(rule["COUNT"][0]) if "COUNT" in rule else None,
        repeat_until=None,
    )
    if "UNTIL" in rule:
        until = _moment(rule["UNTIL"][0])
        record.fields["repeat_until"] = until.date() if isinstance(until, datetime.datetime) else until


def parse(content):
    """The events of an .ics file as Imported records (those that cannot be imported carry a problem)."""
    try:
        calendar = Calendar.from_ical(content)
    except Exception as error:
        raise IcsError(_("The file is not a valid iCalendar (.ics) file.")) from error
    records, overrides = {}, []
    for component in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" in component:
            overrides.append(component)
            continue
        uid = str(component.get("UID", "")).strip() or f"imported-{uuid.uuid4()}"
        record = Imported(uid=uid)
        records[uid] = record
        title = str(component.get("SUMMARY", "")).strip()
        if not title:
            record.problem = _("The event has no title (SUMMARY).")
            continue
        if "DTSTART" not in component:
            record.problem = _("The event has no start (DTSTART).")
            continue
        start = _moment(component.decoded("DTSTART"))
        all_day = not isinstance(start, datetime.datetime)
        if "DTEND" in component:
            end = _moment(component.decoded("DTEND"))
        elif "DURATION" in component:
            end = start + component.decoded("DURATION")
        else:
            end = start + (datetime.timedelta(days=1) if all_day else datetime.timedelta(hours=1))
        if all_day:
            start = recurrence.make_aware(datetime.datetime.combine(start, datetime.time()))
            end = recurrence.make_aware(datetime.datetime.combine(end, datetime.time()))
        description = str(component.get("DESCRIPTION", "")).strip()
        record.fields = {
            "title": title[:255],
            "summary": (description or title)[:500],
            "starts_at": start,
            "ends_at": end,
            "all_day": all_day,
            "status": EventPage.Status.CANCELLED
            if str(component.get("STATUS", "")).upper() == "CANCELLED"
            else EventPage.Status.SCHEDULED,
            "venue_name": str(component.get("LOCATION", "")).strip()[:200],
            "category": Category.OTHER,
            "repeat": EventPage.Repeat.NONE,
            "repeat_weekdays": [],
            "repeat_count": None,
            "repeat_until": None,
            "repeat_interval": 1,
        }
        _rule(component, record)
        exdates = component.get("EXDATE", [])
        for exdate in exdates if isinstance(exdates, list) else [exdates]:
            for value in exdate.dts:
                moment = _moment(value.dt)
                day = moment.date() if isinstance(moment, datetime.datetime) else moment
                record.exceptions.append({"occurrence_date": day, "action": EventException.Action.CANCELLED})
    for component in overrides:
        record = records.get(str(component.get("UID", "")))
        if record is None or record.problem:
            continue
        original = _moment(component.decoded("RECURRENCE-ID"))
        day = original.date() if isinstance(original, datetime.datetime) else original
        start = _moment(component.decoded("DTSTART"))
        end = (
            _moment(component.decoded("DTEND"))
            if "DTEND" in component
            else start + (record.fields["ends_at"] - record.fields["starts_at"])
        )
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            record.exceptions.append({"occurrence_date": day, "action": EventException.Action.CANCELLED})
        else:
            record.exceptions.append(
                {
                    "occurrence_date": day,
                    "action": EventException.Action.MOVED,
                    "new_starts_at": start,
                    "new_ends_at": end,
                }
            )
    if not records:
        raise IcsError(_("The file holds no events."))
    return list(records.values())


def plan(records, target):
    """What importing `records` into `target` would do, event by event."""
    existing = {
        event.ical_uid: event
        for event in EventPage.objects.filter(ical_uid__in=[r.uid for r in records]).select_related("locale")
    }
    rows = []
    for record in records:
        if record.problem:
            rows.append(Row(record, "skip", record.problem))
            continue
        found = existing.get(record.uid)
        if found is None:
            rows.append(Row(record, "create"))
        elif found.get_parent().pk != target.pk:
            rows.append(
                Row(
                    record,
                    "skip",
                    _("This event already belongs to another calendar: %(place)s.")
                    % {"place": found.get_parent().title},
                    found,
                )
            )
        else:
            rows.append(Row(record, "update", existing=found))
    return rows


@transaction.atomic
def apply(records, target, user):
    """Create or update the events of `records` under `target`, publishing each; returns counts by action."""
    counts = {"create": 0, "update": 0, "skip": 0}
    for row in plan(records, target):
        counts[row.action] += 1
        if row.action == "skip":
            continue
        record = row.imported
        if row.action == "create":
            event = EventPage(
                slug=_free_slug(target, record.fields["title"]), ical_uid=record.uid, owner=user, **record.fields
            )
            event.exceptions = [EventException(**exception) for exception in record.exceptions]
            event.clean()
            target.add_child(instance=event)
        else:
            event = row.existing.get_latest_revision_as_object()
            for name, value in record.fields.items():
                setattr(event, name, value)
            event.exceptions = [EventException(**exception) for exception in record.exceptions]
            event.clean()
        event.save_revision(user=user, log_action=True).publish(user=user)
    return counts


def _free_slug(parent, title):
    base = slugify(title)[:200] or "etkinlik"
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


# The uploaded file waits in private storage between the preview and the confirmation.


def store_upload(content, user):
    """Keep the file for the confirmation; the token names it and the person who uploaded it."""
    name = storages["private"].save(f"{UPLOAD_DIRECTORY}/{uuid.uuid4()}.ics", ContentFile(content))
    return signing.dumps({"name": name, "user": user.pk}, salt="events.ics_import")


def _name(token, user):
    try:
        data = signing.loads(token, salt="events.ics_import", max_age=3600)
    except signing.BadSignature as error:
        raise IcsError(_("The preview has expired; please upload the file again.")) from error
    if data.get("user") != user.pk:
        raise IcsError(_("The preview has expired; please upload the file again."))
    return data["name"]


def load_upload(token, user):
    name = _name(token, user)
    storage = storages["private"]
    if not storage.exists(name):
        raise IcsError(_("The preview has expired; please upload the file again."))
    with storage.open(name, "rb") as stored:
        return stored.read()


def forget_upload(token, user):
    try:
        storages["private"].delete(_name(token, user))
    except IcsError:
        pass
