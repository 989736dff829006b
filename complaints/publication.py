"""What of a case the public may see: the register's rules, used by the public pages, the map and open data.

A case is public only through `Case.objects.public()` (the resident agreed, staff have not hidden it).
Its place is shown rounded to about 100 metres, never the exact point or the address.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from complaints.models import Case

Status = Case.Status

# 0.001° of latitude is 111 m; of longitude at Ümraniye's 41° north, 84 m: "about 100 m" either way.
PLACES = Decimal("0.001")


def rounded(value):
    """A coordinate rounded to the public grid (None stays None)."""
    if value is None:
        return None
    return Decimal(value).quantize(PLACES, rounding=ROUND_HALF_UP)


def public_location(case):
    """(latitude, longitude) rounded for publishing, or None when the case has no point."""
    if case.latitude is None or case.longitude is None:
        return None
    return rounded(case.latitude), rounded(case.longitude)


# The statuses as the public sees them: is someone working on it, was it answered, is it closed.
PUBLIC_STATUSES = {
    "acik": (_("Open"), [Status.RECEIVED, Status.ROUTED, Status.IN_PROGRESS]),
    "yanitlandi": (_("Answered"), [Status.ANSWERED]),
    "kapandi": (_("Closed"), [Status.CLOSED]),
}
STATUS_KEY = {status: key for key, (_label, statuses) in PUBLIC_STATUSES.items() for status in statuses}


def public_status(case):
    """(key, label) of the case's status as the public pages, the map and the suggestion box show it."""
    key = STATUS_KEY.get(case.status, "acik")
    return key, PUBLIC_STATUSES[key][0]
