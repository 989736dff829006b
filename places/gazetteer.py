"""The known addresses (places.KnownAddress): a typed address to a point, a point to an address, and distances.

The apps that hold addresses with coordinates tell the gazetteer about them: `distribution` when a recipient
is saved or imported, `complaints` when a case with a point and a street address is filed. Neither is imported
here; `refresh` (the `refresh_known_addresses` command) asks them all again through the `collect` signal.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.dispatch import Signal

from places import turkish
from places.models import KnownAddress

# Sent by `refresh()`; each receiver calls `remember()` for every address it holds with a point.
collect = Signal()

EARTH_RADIUS = 6_371_000  # metres
# The pin's address is the nearest known building within this distance, else none is offered.
NEAREST_WITHIN = 80


def distance(lat1, lon1, lat2, lon2):
    """Metres between two points (haversine; plenty for a district)."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(math.sqrt(a))


def box(latitude, longitude, metres):
    """(south, north, west, east) of a square that holds the circle of `metres` around the point: a prefilter
    an index can use; the exact distance is then checked with `distance`."""
    d_lat = math.degrees(metres / EARTH_RADIUS)
    d_lon = math.degrees(metres / (EARTH_RADIUS * math.cos(math.radians(float(latitude)))))
    latitude, longitude = float(latitude), float(longitude)
    return tuple(
        Decimal(f"{value:.6f}") for value in (latitude - d_lat, latitude + d_lat, longitude - d_lon, longitude + d_lon)
    )


def within(queryset, latitude, longitude, metres, prefix=""):
    """`queryset` narrowed to the box around the point (the fields `latitude`, `longitude`, after `prefix`)."""
    south, north, west, east = box(latitude, longitude, metres)
    return queryset.filter(
        **{
            f"{prefix}latitude__gte": south,
            f"{prefix}latitude__lte": north,
            f"{prefix}longitude__gte": west,
            f"{prefix}longitude__lte": east,
        }
    )


# A street known only from a person's report or door is kept on this grid (about 100 m, as the public map shows
# reports: complaints/publication.py), without the building number.
STREET_GRID = Decimal("0.001")


def remember(address, latitude, longitude, source, neighbourhood_id=None, number=None, building=True):
    """Keep the point of `address` ("Alemdağ Cad. No: 12" or the street alone, with `number`). An address that
    names no street (no Cad., Sk., Blv.…), or has no point, is not kept. With `building=False` only the street
    is kept, at a point rounded to about 100 m (a resident's report or home: never their door). Returns the
    KnownAddress or None."""
    if latitude is None or longitude is None:
        return None
    street, parsed_number = turkish.split_address(address)
    key = turkish.street_key(street)
    if not key:
        return None
    number = (parsed_number if number is None else str(number).strip().upper())[:20]
    if not building:
        number = ""
        latitude = Decimal(str(latitude)).quantize(STREET_GRID, rounding=ROUND_HALF_UP)
        longitude = Decimal(str(longitude)).quantize(STREET_GRID, rounding=ROUND_HALF_UP)
    with transaction.atomic():
        known = (
            KnownAddress.objects.select_for_update()
            .filter(street_key=key, number=number, neighbourhood_id=neighbourhood_id)
            .first()
        )
        if known is None:
            return KnownAddress.objects.create(
                street=street[:150],
                number=number,
                neighbourhood_id=neighbourhood_id,
                latitude=latitude,
                longitude=longitude,
                source=source,
                street_key=key[:150],
            )
        known.street, known.latitude, known.longitude, known.source = street[:150], latitude, longitude, source
        known.save()
        return known


def _search_key(text):
    """The street key of what is typed so far: "alemdağ" (no way named yet) still finds "alemdag cad"."""
    key = turkish.street_key(text)
    if key:
        return key
    words = turkish.ascii_fold(str(text or "").split(",")[0])
    return " ".join("".join(c if c.isalnum() else " " for c in words).split())


def search(text, neighbourhood_id=None, limit=6):
    """Known addresses that match a typed address, those with its number and mahalle first."""
    key = _search_key(text)
    if len(key) < 3:
        return []
    _street, number = turkish.split_address(text)
    rows = list(
        KnownAddress.objects.filter(street_key__startswith=key)
        .select_related("neighbourhood")
        .order_by("street_key", "number", "pk")[:200]
    )
    rows.sort(
        key=lambda row: (number != "" and row.number != number, neighbourhood_id not in (None, row.neighbourhood_id))
    )
    return rows[:limit]


def nearest(latitude, longitude, metres=NEAREST_WITHIN):
    """The known address nearest the point, within `metres`, or None."""
    rows = within(KnownAddress.objects.select_related("neighbourhood"), latitude, longitude, metres)[:200]
    best = min(rows, key=lambda row: distance(latitude, longitude, row.latitude, row.longitude), default=None)
    if best is None or distance(latitude, longitude, best.latitude, best.longitude) > metres:
        return None
    return best


def refresh():
    """Ask every app that holds addresses to tell them again (after an import, or to fill a new database)."""
    before = KnownAddress.objects.count()
    collect.send(sender=KnownAddress)
    return KnownAddress.objects.count() - before
