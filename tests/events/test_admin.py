import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assemblies.coordinators import ensure_coordinator_group
from events import registrations
from events.models import EventPage, Registration
from tests.conftest import publish
from tests.events.conftest import at, make_event
from tests.factories import AssemblyPageFactory, UserFactory

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Test//TR\r
BEGIN:VEVENT\r
UID:atolye-2027@ornek.test\r
SUMMARY:Girişimcilik atölyesi\r
DESCRIPTION:Kadın girişimciler için iş planı.\r
LOCATION:Kadın Meclisi Atölyesi\r
DTSTART;TZID=Europe/Istanbul:20270107T140000\r
DTEND;TZID=Europe/Istanbul:20270107T160000\r
RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=6\r
EXDATE;TZID=Europe/Istanbul:20270121T140000\r
DTSTAMP:20261101T000000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:atolye-2027@ornek.test\r
RECURRENCE-ID;TZID=Europe/Istanbul:20270204T140000\r
SUMMARY:Girişimcilik atölyesi\r
DTSTART;TZID=Europe/Istanbul:20270205T160000\r
DTEND;TZID=Europe/Istanbul:20270205T180000\r
DTSTAMP:20261101T000000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:gezi@ornek.test\r
SUMMARY:Kültür gezisi\r
DTSTART;VALUE=DATE:20270320\r
DTEND;VALUE=DATE:20270321\r
DTSTAMP:20261101T000000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:karmasik@ornek.test\r
SUMMARY:Her ayın ilk pazartesi\r
DTSTART:20270104T100000Z\r
RRULE:FREQ=MONTHLY;BYDAY=1MO\r
DTSTAMP:20261101T000000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture
def two_assemblies(assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    kadin_coordinator, genclik_coordinator = UserFactory(first_name="Elif"), UserFactory(first_name="Emre")
    kadin_coordinator.groups.add(ensure_coordinator_group(kadin))
    genclik_coordinator.groups.add(ensure_coordinator_group(genclik))
    return kadin, genclik, kadin_coordinator, genclik_coordinator


@pytest.fixture
def workshop(two_assemblies):
    kadin = two_assemblies[0]
    event = make_event(kadin, title="Atölye", starts_at=at(2027, 3, 1, 10), registration="signed_in", capacity=1)
    for person in [
        UserFactory(first_name="Zeynep", last_name="Şahin"),
        UserFactory(first_name="Ayşe", last_name="Çelik"),
    ]:
        registrations.register(event, person)
    return event


def upload(client, target, content=ICS):
    return client.post(
        "/admin/events/import/",
        {"target": target.pk, "file": SimpleUploadedFile("takvim.ics", content.encode(), content_type="text/calendar")},
    )


@pytest.mark.django_db
def test_the_coordinator_sees_attendees_exports_and_prints_the_sheet(client, two_assemblies, workshop):
    client.force_login(two_assemblies[2])
    page = client.get(f"/admin/events/{workshop.pk}/attendees/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zeynep" in html and "Ayşe" in html and "1 kayıtlı, 1 bekleme listesinde" in html
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/admin/events/{workshop.pk}/attendees/?export=csv").content.decode("utf-8-sig"))
        )
    )
    assert [(row["Ad"], row["Durum"]) for row in rows] == [
        ("Zeynep Şahin", "Kayıtlı"),
        ("Ayşe Çelik", "Bekleme listesinde"),
    ]
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/admin/events/{workshop.pk}/attendees/?export=xlsx").content)
    )
    assert workbook.active.max_row == 3
    sheet = client.get(f"/admin/events/{workshop.pk}/sign-in-sheet/").content.decode()
    assert "Zeynep Şahin" in sheet and "Ayşe Çelik" not in sheet  # only confirmed people sign in
    confirmed = Registration.objects.get(status="confirmed")
    client.post(f"/admin/events/{workshop.pk}/attendees/", {"check_in": confirmed.pk})
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is not None


@pytest.mark.django_db
def test_another_assemblys_coordinator_cannot_see_the_attendees(client, two_assemblies, workshop):
    client.force_login(two_assemblies[3])
    for url in [
        f"/admin/events/{workshop.pk}/attendees/",
        f"/admin/events/{workshop.pk}/sign-in-sheet/",
        f"/admin/events/{workshop.pk}/attendees/?export=csv",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403) and b"Zeynep" not in response.content
    response = client.post(f"/admin/events/{workshop.pk}/attendees/", {"check_in": Registration.objects.first().pk})
    assert response.status_code in (302, 403)
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


@pytest.mark.django_db
def test_import_previews_then_creates_by_uid(client, two_assemblies):
    kadin, _genclik, coordinator, _other = two_assemblies
    client.force_login(coordinator)
    preview = upload(client, kadin)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Girişimcilik atölyesi" in html and "Yeni etkinlik" in html
    assert "Bu tekrar kuralı burada düzenlenemez" in html
    assert EventPage.objects.count() == 0
    token = preview.context["token"]
    client.post("/admin/events/import/", {"token": token, "target": kadin.pk})
    events = {event.title: event for event in EventPage.objects.child_of(kadin)}
    assert set(events) == {"Girişimcilik atölyesi", "Kültür gezisi"}
    atolye = events["Girişimcilik atölyesi"]
    assert (atolye.ical_uid, atolye.repeat, atolye.repeat_count, atolye.repeat_weekdays) == (
        "atolye-2027@ornek.test",
        "weekly",
        6,
        ["TH"],
    )
    assert sorted((e.occurrence_date.isoformat(), e.action) for e in atolye.exceptions.all()) == [
        ("2027-01-21", "cancelled"),
        ("2027-02-04", "moved"),
    ]
    assert events["Kültür gezisi"].all_day and events["Kültür gezisi"].ends_at == at(2027, 3, 21)
    assert atolye.live and "UID:atolye-2027@ornek.test" in atolye.ical_component


@pytest.mark.django_db
def test_importing_again_updates_the_same_events(client, two_assemblies):
    kadin, _genclik, coordinator, _other = two_assemblies
    client.force_login(coordinator)
    client.post("/admin/events/import/", {"token": upload(client, kadin).context["token"], "target": kadin.pk})
    changed = ICS.replace(
        "DTSTART;TZID=Europe/Istanbul:20270107T140000", "DTSTART;TZID=Europe/Istanbul:20270107T150000"
    ).replace("DTEND;TZID=Europe/Istanbul:20270107T160000", "DTEND;TZID=Europe/Istanbul:20270107T170000")
    preview = upload(client, kadin, changed)
    assert "Aynı UID'ye sahip etkinliği günceller" in preview.content.decode()
    client.post("/admin/events/import/", {"token": preview.context["token"], "target": kadin.pk})
    atolye = EventPage.objects.get(ical_uid="atolye-2027@ornek.test")
    assert EventPage.objects.filter(ical_uid="atolye-2027@ornek.test").count() == 1
    assert atolye.starts_at == at(2027, 1, 7, 15) and atolye.sequence == 1


@pytest.mark.django_db
def test_coordinators_import_only_into_their_assembly(client, two_assemblies):
    kadin, genclik, coordinator, other = two_assemblies
    client.force_login(coordinator)
    refused = upload(client, genclik)
    assert refused.status_code == 200 and "token" not in refused.context
    preview = upload(client, kadin)
    client.force_login(other)
    response = client.post("/admin/events/import/", {"token": preview.context["token"], "target": kadin.pk})
    assert response.status_code in (302, 403)
    assert EventPage.objects.count() == 0
    client.post("/admin/events/import/", {"token": preview.context["token"], "target": genclik.pk})
    assert EventPage.objects.count() == 0  # the preview's token belongs to the person who uploaded the file


@pytest.mark.django_db
def test_a_coordinator_creates_a_weekly_series_in_the_editor(client, two_assemblies):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    kadin, _genclik, coordinator, _other = two_assemblies
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "title": "Girişimcilik atölyesi",
            "slug": "girisimcilik-atolyesi",
            "summary": "Her hafta iş planı çalışması.",
            "starts_at": "2027-01-07 14:00",
            "ends_at": "2027-01-07 16:00",
            "status": "scheduled",
            "repeat": "weekly",
            "repeat_interval": "1",
            "repeat_count": "6",
            "category": "workshop",
            "registration": "members",
            "body": streamfield([]),
            "speakers": inline_formset([{"name": "Nermin Aksoy", "role": "Komisyon başkanı"}]),
            "exceptions": inline_formset([{"occurrence_date": "2027-01-14", "action": "cancelled"}]),
            "action-publish": "publish",
        }
    )
    data["repeat_weekdays"] = ["TU"]  # checkboxes post the field once per ticked day
    response = client.post(f"/admin/pages/add/events/eventpage/{kadin.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug="girisimcilik-atolyesi")
    assert event.live and event.get_parent().pk == kadin.pk
    assert event.repeat_weekdays == ["TU", "TH"]  # the first date (a Thursday) is always included
    assert [e.occurrence_date.isoformat() for e in event.exceptions.all()] == ["2027-01-14"]
    assert (
        event.starts_at == at(2027, 1, 7, 14)
        and "RRULE:FREQ=WEEKLY;COUNT=6;INTERVAL=1;BYDAY=TU,TH" in event.ical_component
    )


@pytest.mark.django_db
def test_registration_closes_at_the_deadline(calendar_page):
    event = make_event(
        calendar_page,
        title="Gezi",
        starts_at=at(2030, 5, 1, 9),
        registration="signed_in",
        registration_deadline=at(2020, 1, 1),
    )
    with pytest.raises(registrations.RegistrationError, match="kayıtları kapandı"):
        registrations.register(event, UserFactory())


@pytest.mark.django_db
def test_the_attendee_list_sheet_and_export_are_per_date_of_a_series(client, two_assemblies):
    import datetime

    kadin, _genclik, coordinator, _other = two_assemblies
    course = make_event(
        kadin,
        title="Bilgisayar kursu",
        starts_at=at(2027, 3, 2, 15),
        registration="signed_in",
        capacity=5,
        repeat="weekly",
        repeat_count=3,
    )
    zeynep = UserFactory(first_name="Zeynep", last_name="Şahin")
    ayse = UserFactory(first_name="Ayşe", last_name="Çelik")
    registrations.register(course, zeynep, datetime.date(2027, 3, 2))
    registrations.register(course, ayse, datetime.date(2027, 3, 9))
    client.force_login(coordinator)
    url = f"/admin/events/{course.pk}/attendees/"

    html = client.get(url, {"tarih": "2027-03-09"}).content.decode()
    assert "Ayşe" in html and "Zeynep" not in html
    assert "9 Mart 2027" in html and "1 kayıtlı, 0 bekleme listesinde" in html
    html = client.get(url).content.decode()  # the next date by default
    assert "Zeynep" in html and "Ayşe" not in html

    sheet = client.get(f"/admin/events/{course.pk}/sign-in-sheet/", {"tarih": "2027-03-09"}).content.decode()
    assert "Ayşe Çelik" in sheet and "Zeynep" not in sheet and "9 Mart 2027" in sheet
    export = client.get(url, {"tarih": "2027-03-09", "export": "csv"})
    assert [row["Ad"] for row in csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))] == ["Ayşe Çelik"]
    assert "2027-03-09" in export["Content-Disposition"]

    # Checking Ayşe in keeps the coordinator on her date.
    registration = Registration.objects.get(user=ayse)
    response = client.post(url + "?tarih=2027-03-09", {"check_in": registration.pk})
    assert response.status_code == 302 and response["Location"].endswith("?tarih=2027-03-09")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert client.post(url, {"check_in": "abc"}).status_code == 404
    for odd in ["2027-02-30", "0001-01-01", "9999-12-31"]:  # not a date, or none of the series': the default one
        assert "Zeynep" in client.get(url, {"tarih": odd}).content.decode()

    # The dashboard counts the next date's people, and links to that date.
    from events.panels import next_events

    (listed,) = next_events([kadin], now=at(2027, 3, 3))
    assert (listed.confirmed, listed.places_left) == (1, 4)
    assert listed.attendees_url.endswith("?tarih=2027-03-09")
