"""The map component's settings as data attributes (components/map.html, theme/static/theme/map.js)."""

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def map_attributes():
    """The tile server, its attribution and the district's centre, for `<div data-map {% map_attributes %}>`."""
    latitude, longitude = settings.MAP_CENTER
    return format_html(
        'data-tile-url="{}" data-attribution="{}" data-attribution-url="{}" data-center="{},{}" data-zoom="{}"',
        settings.MAP_TILE_URL,
        str(settings.MAP_TILE_ATTRIBUTION),
        settings.MAP_TILE_ATTRIBUTION_URL,
        latitude,
        longitude,
        settings.MAP_ZOOM,
    )
