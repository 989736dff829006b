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
