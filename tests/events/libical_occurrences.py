"""Expand a calendar's occurrences with libical, an independent C implementation of RFC 5545.

Run by Debian's own Python (python3-gi with gir1.2-ical-3.0), not the project's:
    /usr/bin/python3 libical_occurrences.py START END < calendar.ics
prints JSON: {uid: [[start_utc, status, sequence], ...]} for occurrences starting in [START, END)
(UTC, "YYYYMMDDTHHMMSSZ"), applying EXDATE and RECURRENCE-ID overrides (whose SEQUENCE is then given).

    /usr/bin/python3 libical_occurrences.py check < calendar.ics
prints JSON: the problems libical's check_restrictions finds (RFC 5546: what the calendar's METHOD requires
of each component), one [component, summary, problem] per problem; [] when there are none.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

Kind = ICalGLib.ComponentKind
Prop = ICalGLib.PropertyKind


def utc(time, calendar, tzid=None):
    time = time.clone()
    tzid = tzid or time.get_tzid()
    if not time.is_date() and tzid and tzid != "UTC":
        zone = calendar.get_timezone(tzid)
        if zone is None:
            raise SystemExit(f"no VTIMEZONE for {tzid}")
        time.set_timezone(zone)
        time = time.convert_to_zone(ICalGLib.Timezone.get_utc_timezone())
    return time.as_ical_string()


def problems(calendar):
    """check_restrictions stops at the first component that fails, so each component is checked in a calendar
    of its own (with the feed's METHOD and time zones)."""
    found = []
    child = calendar.get_first_component(Kind.ANY_COMPONENT)
    children = []
    while child is not None:
        children.append(child)
        child = calendar.get_next_component(Kind.ANY_COMPONENT)
    for child in children:
        alone = ICalGLib.Component.new_vcalendar()
        prop = calendar.get_first_property(Prop.ANY_PROPERTY)
        while prop is not None:
            alone.add_property(prop.clone())
            prop = calendar.get_next_property(Prop.ANY_PROPERTY)
        alone.add_component(child.clone())
        alone.check_restrictions()
        text = alone.as_ical_string().replace("\r\n ", "")
        summary = child.get_summary() if child.isa() == Kind.VEVENT_COMPONENT else ""
        kind = ICalGLib.Component.kind_to_string(child.isa())
        found += [[kind, summary, line] for line in text.splitlines() if line.startswith("X-LIC-ERROR")]
    return found


def main():
    calendar = ICalGLib.Component.new_from_string(sys.stdin.read())
    if calendar is None or calendar.isa() != Kind.VCALENDAR_COMPONENT:
        raise SystemExit("not a VCALENDAR")
    if sys.argv[1] == "check":
        json.dump(problems(calendar), sys.stdout)
        return
    start, end = sys.argv[1], sys.argv[2]
    events, overrides = [], {}
    component = calendar.get_first_component(Kind.VEVENT_COMPONENT)
    while component is not None:
        recurrence_id = component.get_first_property(Prop.RECURRENCEID_PROPERTY)
        if recurrence_id is not None:
            # libical keeps the TZID of RECURRENCE-ID only as the property's parameter.
            tzid = recurrence_id.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER)
            key = utc(recurrence_id.get_recurrenceid(), calendar, tzid.get_tzid() if tzid else None)
            overrides.setdefault(component.get_uid(), {})[key] = component
        else:
            events.append(component)
        component = calendar.get_next_component(Kind.VEVENT_COMPONENT)

    result = {}
    for event in events:
        uid = event.get_uid()
        status = "CANCELLED" if event.get_status() == ICalGLib.PropertyStatus.CANCELLED else "CONFIRMED"
        dtstart = event.get_dtstart()
        starts = []
        rule_property = event.get_first_property(Prop.RRULE_PROPERTY)
        if rule_property is None:
            starts.append(utc(dtstart, calendar))
        else:
            iterator = ICalGLib.RecurIterator.new(rule_property.get_rrule(), dtstart)
            moment = iterator.next()
            while moment is not None and not moment.is_null_time():
                if utc(moment, calendar) >= end:
                    break
                starts.append(utc(moment, calendar))
                moment = iterator.next()
        excluded = set()
        exdate = event.get_first_property(Prop.EXDATE_PROPERTY)
        while exdate is not None:
            excluded.add(utc(exdate.get_exdate(), calendar))
            exdate = event.get_next_property(Prop.EXDATE_PROPERTY)
        found = []
        for moment in starts:
            if moment in excluded:
                continue
            override = overrides.get(uid, {}).get(moment)
            sequence = event.get_sequence()
            if override is not None:
                moment = utc(override.get_dtstart(), calendar)
                sequence = override.get_sequence()
            if start <= moment < end:
                found.append([moment, status, sequence])
        result[uid] = sorted(found)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
