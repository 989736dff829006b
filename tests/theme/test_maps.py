"""The map infrastructure: the tile server as a setting, the CSP naming only its origin, the component's markup."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings

from config.settings.base import tile_origin


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: value.split() for name, value in (part.strip().split(" ", 1) for part in policy.split(";") if part)}


def test_the_tile_origin_is_the_tile_servers_scheme_and_host():
    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_origin("https://{s}.tile.example.org:8443/osm/{z}/{x}/{y}.png") == "https://*.tile.example.org:8443"


def test_tests_never_ask_the_internet_for_tiles():
    assert settings.MAP_TILE_URL.startswith("http://127.0.0.1:")


@pytest.mark.django_db
def test_the_public_policy_adds_only_the_tile_server_to_images(client, home_page):
    images = directives(client.get("/"))["img-src"]
    assert images == ["'self'", "data:", "blob:", tile_origin(settings.MAP_TILE_URL)]
    everything = client.get("/")["Content-Security-Policy"]
    assert everything.count(tile_origin(settings.MAP_TILE_URL)) == 1  # scripts, styles and connections stay 'self'
    assert "openstreetmap" not in everything


@pytest.mark.django_db
def test_the_admin_policy_adds_the_tile_server_to_images_too(admin_client, home_page):
    images = directives(admin_client.get("/admin/"))["img-src"]
    assert images == ["'self'", "data:", "blob:", tile_origin(settings.MAP_TILE_URL)]


def test_the_default_tile_server_is_openstreetmap_with_its_attribution():
    from config.settings import base

    assert base.MAP_TILE_URL == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert base.MAP_TILE_ATTRIBUTION_URL == "https://www.openstreetmap.org/copyright"


def render(source, **context):
    return Template(source).render(Context(context))


@override_settings(
    MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
    MAP_TILE_ATTRIBUTION='Tiles & "data" <b>',
    MAP_TILE_ATTRIBUTION_URL="https://example.org/licence",
)
def test_the_map_attributes_carry_the_settings_escaped():
    html = render("{% load maps %}<div {% map_attributes %}></div>")
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="Tiles &amp; &quot;data&quot; &lt;b&gt;"' in html
    assert 'data-attribution-url="https://example.org/licence"' in html
    assert 'data-center="41.016,29.124"' in html and 'data-zoom="13"' in html


def test_the_attribution_is_turkish_by_default():
    from django.utils import translation

    with translation.override("tr"):
        html = render("{% load maps %}<div {% map_attributes %}></div>")
    assert "© OpenStreetMap katkıcıları" in html


def test_the_show_component_is_hidden_until_its_script_runs_and_has_no_inline_code():
    html = render(
        '{{ points|json_script:"stops" }}{% include "components/map.html" with mode="show" points="stops" '
        'numbered=True route=True label="Duraklar" %}',
        points=[{"lat": 41.02, "lon": 29.12, "label": "Bir"}],
    )
    assert 'data-map="show"' in html and 'data-points="stops"' in html
    assert "data-numbered" in html and "data-route" in html
    assert 'role="region" aria-label="Duraklar" hidden' in html
    assert 'src="/static/leaflet/leaflet.js"' in html and 'src="/static/theme/map.js"' in html
    assert 'href="/static/leaflet/leaflet.css"' in html
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html  # only external scripts and the JSON data block


def test_the_pick_component_names_its_inputs_and_offers_the_location_button_to_scripts_only():
    html = render(
        '{% include "components/map.html" with mode="pick" lat_input="#id_latitude" lon_input="#id_longitude" %}'
    )
    assert 'data-map="pick"' in html
    assert 'data-lat-input="#id_latitude" data-lon-input="#id_longitude"' in html
    assert "data-map-tools hidden" in html  # the script shows it when the browser can locate


def test_the_static_files_are_served_by_the_site():
    from django.contrib.staticfiles import finders

    for name in ["leaflet/leaflet.js", "leaflet/leaflet.css", "theme/map.js"]:
        assert finders.find(name), name
    assert "Leaflet 1.9" in open(finders.find("leaflet/leaflet-src.js"), encoding="utf-8").read(200)
