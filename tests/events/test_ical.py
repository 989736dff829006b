import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from events import recurrence
from events.models import EventException, EventPage
from tests.conftest import publish
from tests.events.conftest import at, make_event

SYSTEM_PYTHON = "/usr/bin/python3"
LIBICAL_HELPER = Path(__file__).with_name("libical_occurrences.py")


def libical_available():
    if not shutil.which(SYSTEM_PYTHON):
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.fixture
def feed_events(calendar_page, assembly):
    return {
        "meeting": make_event(calendar_page, title="Bilgilendirme toplantısı", starts_at=at(2026, 12, 4, 18, 30)),
        "series": make_event(
            assembly,
            title="Girişimcilik atölyesi",
            starts_at=at(2027, 1, 7, 14, 0),
            repeat="weekly",
            repeat_weekdays=["TH"],
            repeat_until=datetime.date(2027, 3, 25),
            exceptions=[
                EventException(occurrence_date=datetime.date(2027, 1, 21), action="cancelled"),
                EventException(
                    occurrence_date=datetime.date(2027, 2, 4),
                    action="moved",
                    new_starts_at=at(2027, 2, 5, 16, 0),
                    new_ends_at=at(2027, 2, 5, 18, 0),
                ),
            ],
        ),
        "cancelled": make_event(
            calendar_page, title="Okçuluk yarışması", starts_at=at(2026, 12, 10, 10), status="cancelled"
        ),
        "holiday": make_event(
            calendar_page,
            title="15 Temmuz programı",
            starts_at=at(2027, 7, 15),
            ends_at=at(2027, 7, 15),
            all_day=True,
            repeat="yearly",
            repeat_count=3,
        ),
    }


def parsed_feed(client, url="/takvim.ics"):
    response = client.get(url)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]


@pytest.mark.django_db
def test_feed_answers_as_calendar_clients_need(client, feed_events):
    response, calendar = parsed_feed(client)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Encoding" not in response
    assert response["ETag"] and response["Last-Modified"]
    assert "no-transform" in response["Cache-Control"]
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == "Ümraniye Kent Konseyi etkinlikleri"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]
    assert b"\r\n" in response.content and b"\n\n" not in response.content


@pytest.mark.django_db
def test_each_event_is_written_as_rfc_5545_asks(client, feed_events):
    _response, calendar = parsed_feed(client)
    by_summary = {}
    for component in vevents(calendar):
        by_summary.setdefault(str(component["SUMMARY"]), []).append(component)
    meeting = by_summary["Bilgilendirme toplantısı"][0]
    event = feed_events["meeting"]
    assert str(meeting["UID"]) == f"{event.translation_key}@kentkonseyi.umraniye.bel.tr"
    assert meeting["DTSTART"].params["TZID"] == "Europe/Istanbul"
    assert meeting.decoded("DTSTART").astimezone(datetime.UTC) == datetime.datetime(
        2026, 12, 4, 15, 30, tzinfo=datetime.UTC
    )
    assert meeting.decoded("DTSTAMP") == event.last_published_at.replace(microsecond=0)
    assert str(meeting["STATUS"]) == "CONFIRMED"

    master, moved = sorted(by_summary["Girişimcilik atölyesi"], key=lambda c: "RECURRENCE-ID" in c)
    rule = master.decoded("RRULE")
    assert rule["UNTIL"][0] == datetime.datetime(2027, 3, 25, 20, 59, 59, tzinfo=datetime.UTC)  # 23:59:59 in Istanbul
    assert [d.dt for d in master["EXDATE"].dts] == [at(2027, 1, 21, 14)]
    assert moved.decoded("RECURRENCE-ID") == at(2027, 2, 4, 14)
    assert moved.decoded("DTSTART") == at(2027, 2, 5, 16)
    assert str(moved["UID"]) == str(master["UID"])

    assert str(by_summary["Okçuluk yarışması"][0]["STATUS"]) == "CANCELLED"

    holiday = by_summary["15 Temmuz programı"][0]
    assert holiday["DTSTART"].params.get("VALUE") == "DATE"
    assert holiday.decoded("DTSTART") == datetime.date(2027, 7, 15)
    assert holiday.decoded("DTEND") == datetime.date(2027, 7, 16)  # exclusive


@pytest.mark.django_db
@pytest.mark.skipif(
    not libical_available(), reason="needs Debian's python3-gi and gir1.2-ical-3.0 (make test installs them)"
)
def test_libical_finds_the_same_occurrences_as_the_site(client, feed_events):
    response = client.get("/takvim.ics")
    window = (at(2026, 1, 1), at(2030, 1, 1))
    result = subprocess.run(
        [SYSTEM_PYTHON, str(LIBICAL_HELPER), "20260101T000000Z", "20300101T000000Z"],
        input=response.content.decode(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    theirs = json.loads(result.stdout)
    for event in feed_events.values():
        ours = [
            o.starts_at.date().strftime("%Y%m%d")
            if event.all_day
            else o.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            for o in recurrence.occurrences(event, *window)
            if not o.cancelled
        ]
        assert [start for start, _status, _sequence in theirs[event.ical_uid]] == ours, event.title
    assert theirs[feed_events["meeting"].ical_uid] == [["20261204T153000Z", "CONFIRMED", 0]]  # 18:30 in Istanbul
    assert {status for _start, status, _sequence in theirs[feed_events["cancelled"].ical_uid]} == {"CANCELLED"}


def libical_occurrences(content, start="20260101T000000Z", end="20300101T000000Z"):
    result = subprocess.run(
        [SYSTEM_PYTHON, str(LIBICAL_HELPER), start, end],
        input=content.decode(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def libical_problems(content):
    result = subprocess.run(
        [SYSTEM_PYTHON, str(LIBICAL_HELPER), "check"],
        input=content.decode(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


@pytest.mark.django_db
@pytest.mark.skipif(
    not libical_available(), reason="needs Debian's python3-gi and gir1.2-ical-3.0 (make test installs them)"
)
def test_libical_finds_nothing_that_method_publish_forbids_or_lacks(client, feed_events):
    """RFC 5546: a PUBLISH calendar's events carry an ORGANIZER; libical checks every component (the master, a
    moved date's override, a cancelled event, an all-day series)."""
    assert libical_problems(client.get("/takvim.ics").content) == []
    assert libical_problems(client.get(f"/takvim/etkinlik/{feed_events['series'].pk}.ics").content) == []


@pytest.mark.django_db
def test_every_event_is_published_by_the_council(client, feed_events):
    _response, calendar = parsed_feed(client)
    assert str(calendar["METHOD"]) == "PUBLISH"
    for component in vevents(calendar):
        organizer = component["ORGANIZER"]
        assert str(organizer) == "mailto:kentkonseyi@umraniye.bel.tr"
        assert organizer.params["CN"] == "Ümraniye Kent Konseyi"


@pytest.mark.django_db
def test_uid_stays_and_sequence_rises_only_on_significant_changes(feed_events, locales):
    event = feed_events["meeting"]
    uid, stamp = event.ical_uid, event.last_published_at
    event.title = "Bilgilendirme toplantısı (güncel)"
    publish(event)
    assert (event.ical_uid, event.sequence) == (uid, 0)
    event.starts_at, event.ends_at = at(2026, 12, 5, 18, 30), at(2026, 12, 5, 20, 30)
    publish(event)
    assert (event.ical_uid, event.sequence) == (uid, 1)
    assert event.last_published_at > stamp
    event.status = "cancelled"
    publish(event)
    assert event.sequence == 2
    assert "SEQUENCE:2" in event.ical_component and "STATUS:CANCELLED" in event.ical_component


@pytest.mark.django_db
def test_revalidation_is_answered_with_304(client, feed_events):
    first = client.get("/takvim.ics")
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/takvim.ics", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/takvim.ics", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    event = feed_events["meeting"]
    event.title = "Yeni başlık"
    publish(event)
    changed = client.get("/takvim.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_a_calendar_without_events_is_still_a_valid_calendar(client, calendar_page):
    _response, calendar = parsed_feed(client)
    assert vevents(calendar) == []
    assert len(calendar.walk("VTIMEZONE")) == 1


@pytest.mark.django_db
def test_assembly_feed_holds_only_its_events_and_event_ics_downloads(client, feed_events):
    _response, calendar = parsed_feed(client, "/takvim/kadin-meclisi.ics")
    assert {str(c["SUMMARY"]) for c in vevents(calendar)} == {"Girişimcilik atölyesi"}
    assert str(calendar["X-WR-CALNAME"]) == "Kadın Meclisi"
    assert client.get("/takvim/olmayan-meclis.ics").status_code == 404
    event = feed_events["meeting"]
    download = client.get(f"/takvim/etkinlik/{event.pk}.ics")
    assert download["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert [str(c["SUMMARY"]) for c in vevents(Calendar.from_ical(download.content))] == ["Bilgilendirme toplantısı"]


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["99999999999999999999", "9223372036854775808"])
def test_an_event_number_too_large_for_the_database_is_not_found(client, calendar_page, number):
    assert client.get(f"/takvim/etkinlik/{number}.ics").status_code == 404


@pytest.mark.django_db
def test_other_numbers_in_event_addresses_too_large_for_the_database_are_not_found(client, calendar_page):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    number = "99999999999999999999"
    assert client.post(f"/accounts/events/{number}/cancel/").status_code == 404
    assert client.get(f"/admin/events/{number}/attendees/").status_code == 404
    assert client.get(f"/admin/events/{number}/sign-in-sheet/").status_code == 404


@pytest.mark.django_db
def test_drafts_are_not_in_the_feed(client, calendar_page):
    draft = EventPage(
        title="Taslak etkinlik", summary="x", starts_at=at(2027, 1, 1, 10), ends_at=at(2027, 1, 1, 11), live=False
    )
    calendar_page.add_child(instance=draft)
    assert b"Taslak etkinlik" not in client.get("/takvim.ics").content


@pytest.mark.django_db
def test_feed_queries_do_not_grow_with_events(client, calendar_page, django_assert_max_num_queries):
    for day in range(3):
        make_event(calendar_page, title=f"Etkinlik {day}", starts_at=at(2027, 1, 1 + day, 10))
    with CaptureQueriesContext(connection) as few:
        client.get("/takvim.ics")
    for day in range(12):
        make_event(
            calendar_page,
            title=f"Ek etkinlik {day}",
            starts_at=at(2027, 2, 1 + day, 10),
            repeat="weekly",
            repeat_count=4,
        )
    with django_assert_max_num_queries(len(few)):
        client.get("/takvim.ics")


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["unpublish", "delete", "restrict"])
def test_the_cached_fingerprint_follows_every_change_to_what_the_feed_shows(client, feed_events, change):
    from wagtail.models import PageViewRestriction

    etag = client.get("/takvim.ics")["ETag"]
    assert client.get("/takvim.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    event = feed_events["meeting"]
    if change == "unpublish":
        event.unpublish()
    elif change == "delete":
        event.delete()
    else:
        PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/takvim.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Bilgilendirme toplant" not in response.content


@pytest.mark.django_db
def test_moving_an_event_into_an_assembly_changes_that_assemblys_feed(client, feed_events, assembly):
    etag = client.get("/takvim/kadin-meclisi.ics")["ETag"]
    feed_events["meeting"].move(assembly, pos="last-child")
    response = client.get("/takvim/kadin-meclisi.ics", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Bilgilendirme toplantısı" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.skipif(
    not libical_available(), reason="needs Debian's python3-gi and gir1.2-ical-3.0 (make test installs them)"
)
def test_calendar_applications_see_a_cancelled_or_moved_date_of_a_series(client, feed_events):
    """Cancelling or moving one date is a change clients must apply: the SEQUENCE of the series and of its
    overrides rises, libical drops the cancelled date and finds the moved one at its new time."""
    series = feed_events["series"]
    url = f"/takvim/etkinlik/{series.pk}.ics"
    before = libical_occurrences(client.get(url).content)[series.ical_uid]
    assert {sequence for _start, _status, sequence in before} == {0}
    assert "20270225T110000Z" in [start for start, _status, _sequence in before]  # 25 Feb, 14:00 in Istanbul

    series.exceptions = list(series.exceptions.all()) + [
        EventException(occurrence_date=datetime.date(2027, 2, 25), action="cancelled"),
        EventException(
            occurrence_date=datetime.date(2027, 3, 4),
            action="moved",
            new_starts_at=at(2027, 3, 5, 10),
            new_ends_at=at(2027, 3, 5, 12),
        ),
    ]
    publish(series)
    content = client.get(url).content
    after = libical_occurrences(content)[series.ical_uid]
    starts = [start for start, _status, _sequence in after]
    assert "20270225T110000Z" not in starts  # cancelled
    assert "20270304T110000Z" not in starts and "20270305T070000Z" in starts  # moved to 5 March, 10:00
    assert {sequence for _start, _status, sequence in after} == {1}  # the master and every override
    ours = [
        o.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        for o in recurrence.occurrences(series, at(2026, 1, 1), at(2030, 1, 1))
        if not o.cancelled
    ]
    assert starts == ours
    assert libical_problems(content) == []

    components = vevents(Calendar.from_ical(content))
    assert [int(component["SEQUENCE"]) for component in components] == [1, 1, 1]
    exdates = components[0]["EXDATE"]
    exdates = exdates if isinstance(exdates, list) else [exdates]
    assert [d.dt for exdate in exdates for d in exdate.dts] == [at(2027, 1, 21, 14), at(2027, 2, 25, 14)]


@pytest.mark.django_db
def test_a_cancelled_or_moved_date_reaches_the_events_other_languages(client, feed_events, english_home_page, locales):
    """The dates of a series are the same in every language: the Turkish editor's cancelled and moved dates reach
    the English page and feed, whose SEQUENCE rises too."""
    from tests.conftest import translate

    series = feed_events["series"]
    english_assemblies = translate(series.get_parent().get_parent(), locales[1], title="Assemblies", slug="assemblies")
    translate(series.get_parent(), locales[1], title="Women's Assembly", slug="womens-assembly")
    assert english_assemblies.live
    english = translate(
        series,
        locales[1],
        title="Entrepreneurship workshop",
        slug="entrepreneurship-workshop",
        summary="Business plans.",
        starts_at=series.starts_at,
        ends_at=series.ends_at,
        repeat="weekly",
        repeat_weekdays=["TH"],
        repeat_until=series.repeat_until,
    )
    english.refresh_from_db()
    sequence = english.sequence

    series.exceptions = list(series.exceptions.all()) + [
        EventException(occurrence_date=datetime.date(2027, 2, 25), action="cancelled")
    ]
    publish(series)
    english.refresh_from_db()
    assert sorted((e.occurrence_date, e.action) for e in english.exceptions.all()) == [
        (datetime.date(2027, 1, 21), "cancelled"),
        (datetime.date(2027, 2, 4), "moved"),
        (datetime.date(2027, 2, 25), "cancelled"),
    ]
    assert english.sequence > sequence
    _response, calendar = parsed_feed(client, "/en/takvim.ics")
    (master,) = [c for c in vevents(calendar) if str(c["SUMMARY"]) == "Entrepreneurship workshop" and "RRULE" in c]
    exdates = master["EXDATE"] if isinstance(master["EXDATE"], list) else [master["EXDATE"]]
    assert at(2027, 2, 25, 14) in [d.dt for exdate in exdates for d in exdate.dts]
