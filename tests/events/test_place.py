"""An event's place: coordinates edited with the pick map, shown on the event page's map and as GEO in .ics."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events.models import EventPage
from tests.events.conftest import at, make_event


@pytest.fixture
def placed_event(calendar_page):
    return make_event(
        calendar_page,
        title="Bilgilendirme toplantısı",
        venue_name="Kent Konseyi Salonu",
        venue_address="Atatürk Mahallesi, Ümraniye",
        latitude=Decimal("41.017900"),
        longitude=Decimal("29.121600"),
        registration=EventPage.Registration.SIGNED_IN,
        starts_at=at(2030, 5, 6, 18, 30),
    )


@pytest.mark.django_db
def test_the_event_page_shows_its_address_and_a_map_of_its_place(client, placed_event):
    html = client.get(placed_event.url).content.decode()
    assert "Kent Konseyi Salonu" in html and "Atatürk Mahallesi, Ümraniye" in html
    assert '<script id="event-place" type="application/json">' in html
    assert '"lat": 41.0179, "lon": 29.1216' in html
    assert 'data-map="show" ' in html and 'data-points="event-place"' in html
    # Without scripts or tiles, the place is one tap away on OpenStreetMap.
    assert 'href="https://www.openstreetmap.org/?mlat=41.017900&amp;mlon=29.121600#map=17/41.017900/29.121600"' in html
    # The registration comes before the map: on a phone it is what the page is for.
    assert html.index('id="kayit"') < html.index("data-map=")


@pytest.mark.django_db
def test_an_event_without_coordinates_has_no_map(client, calendar_page):
    event = make_event(calendar_page, title="Yeri belirsiz toplantı")
    html = client.get(event.url).content.decode()
    assert "data-map" not in html and "leaflet.js" not in html
    assert "openstreetmap.org/?mlat" not in html


@pytest.mark.django_db
def test_the_ics_carries_geo_when_the_place_is_known(client, placed_event, calendar_page):
    unplaced = make_event(calendar_page, title="Yeri belirsiz toplantı")
    own = Calendar.from_ical(client.get(f"/takvim/etkinlik/{placed_event.pk}.ics").content)
    assert own.walk("VEVENT")[0]["GEO"].latitude == 41.0179
    feed = Calendar.from_ical(client.get("/takvim.ics").content)
    by_summary = {str(component["SUMMARY"]): component for component in feed.walk("VEVENT")}
    geo = by_summary["Bilgilendirme toplantısı"]["GEO"]
    assert (geo.latitude, geo.longitude) == (41.0179, 29.1216)
    assert "GEO" not in by_summary[unplaced.title]
    assert b"GEO:41.0179;29.1216" in client.get("/takvim.ics").content


@pytest.mark.django_db
def test_the_editor_places_the_event_with_a_pick_map_bound_to_its_fields(admin_client, placed_event):
    html = admin_client.get(f"/admin/pages/{placed_event.pk}/edit/").content.decode()
    assert 'data-map="pick"' in html
    assert 'data-lat-input="#id_latitude" data-lon-input="#id_longitude"' in html
    assert 'value="41.017900"' in html and 'value="29.121600"' in html
    assert "/static/leaflet/leaflet.js" in html and "/static/theme/map.js" in html
    assert "/static/theme/css/admin-map.css" in html


def test_coordinates_come_in_pairs_and_within_range():
    event = EventPage(title="x", latitude=Decimal("41.0"), longitude=None)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "longitude" in error.value.message_dict
    event = EventPage(title="x", latitude=Decimal("91"), longitude=Decimal("29"))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "latitude" in error.value.message_dict
