"""Maps in Chromium with the tile server unreachable (tiles blocked): the page and its map still work."""

import pytest
from django.conf import settings

from config.settings.base import tile_origin
from tests.e2e.test_join import assert_no_violations

EVENT = "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/"


def block_tiles(page):
    """Abort every tile request, and fail the test if anything else leaves the live server."""
    outside = []

    def handle(route):
        url = route.request.url
        if url.startswith(tile_origin(settings.MAP_TILE_URL)):
            route.abort()
        elif not url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", handle)
    return outside


@pytest.mark.parametrize("width", [390, 1280])
def test_the_event_page_works_with_its_map_when_tiles_cannot_load(demo_site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    outside = block_tiles(page)
    page.goto(demo_site.url + EVENT)

    where = page.locator("dl.facts")
    assert "Ümraniye" in where.inner_text()  # the address is the content, map or not
    map_ = page.locator("[data-map]")
    page.wait_for_function("document.querySelector('[data-map]').dataset.mapReady === 'true'")
    assert map_.is_visible()
    assert map_.get_attribute("aria-label")
    marker = map_.locator(".leaflet-marker-icon")
    assert marker.count() == 1
    assert marker.first.get_attribute("title")
    assert "OpenStreetMap" in map_.locator(".leaflet-control-attribution").inner_text()

    # Leaflet's keyboard: the map takes focus and the arrows pan it.
    map_.focus()
    before = page.evaluate("document.querySelector('[data-map]').leafletMap.getCenter().lng")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    after = page.evaluate("document.querySelector('[data-map]').leafletMap.getCenter().lng")
    assert after > before

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not outside, outside
    assert not [error for error in page.console_errors if "net::ERR" not in error and "Failed to load" not in error]
    assert_no_violations(page)


def test_the_event_page_without_javascript_keeps_the_address_and_hides_the_map(demo_site, page):
    context = page.context.browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(demo_site.url + EVENT)
    assert "Ümraniye" in quiet.locator("dl.facts").inner_text()
    assert not quiet.locator("[data-map]").is_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_couriers_route_map_numbers_the_stops_in_order_with_tiles_blocked(demo_site, page, width):
    from django.urls import reverse

    from distribution.demo import COURIERS
    from tests.e2e.journeys.test_courier import todays_routes
    from tests.e2e.test_join import PASSWORD

    mine, _theirs = todays_routes()
    stops = list(mine.stops.select_related("recipient").order_by("position"))
    mapped = [stop for stop in stops if stop.recipient.point]
    assert mapped, "the demo's first route has stops with coordinates"

    page.set_viewport_size({"width": width, "height": 900})
    outside = block_tiles(page)
    page.goto(demo_site.url + "/accounts/login/?next=" + reverse("distribution:route", args=[mine.token]))
    page.get_by_label("E-posta").fill(COURIERS[0][0])
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()
    page.wait_for_function("document.querySelector('[data-map]').dataset.mapReady === 'true'")

    markers = page.locator("[data-map] .leaflet-marker-icon")
    assert markers.all_inner_texts() == [str(stop.position) for stop in mapped]
    assert markers.first.get_attribute("title") == f"{mapped[0].position}. {mapped[0].recipient.name}"
    assert page.locator("[data-map] path.map-route").count() == (1 if len(mapped) > 1 else 0)
    # Every stop is still on the list below, mapped or not, and can be recorded there.
    assert page.locator("ol.route-stops > li").count() == len(stops)
    unmapped = [stop for stop in stops if not stop.recipient.point]
    if unmapped:
        assert unmapped[0].recipient.name in page.locator(".route-unmapped").inner_text()

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not outside, outside
    assert_no_violations(page)


def test_the_editor_places_an_event_with_the_pick_map(demo_site, page):
    from events.models import EventPage
    from home.demo_logins import ADMIN
    from tests.e2e.test_join import PASSWORD

    event = EventPage.objects.get(slug="bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri")
    outside = block_tiles(page)
    page.goto(demo_site.url + f"/accounts/login/?next=/admin/pages/{event.pk}/edit/")
    page.get_by_label("E-posta").fill(ADMIN[0])
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()
    page.wait_for_function("document.querySelector('[data-map=pick]').dataset.mapReady === 'true'")
    map_ = page.locator("[data-map=pick]")
    map_.scroll_into_view_if_needed()
    latitude, longitude = page.locator("#id_latitude"), page.locator("#id_longitude")
    assert latitude.input_value() == f"{event.latitude:.6f}"
    assert map_.locator(".leaflet-marker-icon").count() == 1  # the saved place

    # A click places the pin and fills both fields; the page hears map:picked.
    page.evaluate(
        "window.picked = []; document.querySelector('[data-map=pick]')"
        ".addEventListener('map:picked', (event) => window.picked.push(event.detail))"
    )
    box = map_.bounding_box()
    map_.click(position={"x": box["width"] / 4, "y": box["height"] / 4})
    new_lat, new_lon = float(latitude.input_value()), float(longitude.input_value())
    assert new_lat > float(event.latitude) and new_lon < float(event.longitude)  # up and to the left
    assert page.evaluate("window.picked.length") == 1
    assert page.evaluate("window.picked[0].lat") == pytest.approx(new_lat, abs=1e-6)

    # Typing the coordinates moves the pin; map:set from another script moves it and fills the fields.
    latitude.fill("41.030000")
    longitude.fill("29.100000")
    longitude.dispatch_event("change")
    pin = page.evaluate(
        "(() => { let found; document.querySelector('[data-map=pick]').leafletMap.eachLayer("
        "(layer) => { if (layer.getLatLng && layer.dragging) found = layer.getLatLng(); }); return [found.lat, found.lng]; })()"
    )
    assert pin == [41.03, 29.1]
    page.evaluate(
        "document.querySelector('[data-map=pick]').dispatchEvent("
        "new CustomEvent('map:set', {detail: {lat: 41.02, lon: 29.11}}))"
    )
    assert latitude.input_value() == "41.020000" and longitude.input_value() == "29.110000"
    assert page.evaluate("window.picked.length") == 1  # map:set is not the person's pick
    assert not outside, outside
