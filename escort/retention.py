"""Retention of escort bookings (KVKK, Law 6698 art. 7): registered in EscortConfig.ready().

A booking's visitor name, phone, the name and relation of whoever booked for them, the other need in words and
the escort's outcome note serve the visit. `RETENTION_ESCORT_BOOKING_DAYS` after the visit's day they are
erased; the date, hour, office, ticked needs, status and offices helped to stay as the unit's monthly figures,
tied to nobody.
"""

from django.utils import timezone

from accounts import personal_data
from escort.models import Booking

DEFAULT_BOOKING_DAYS = 90
ERASED = {
    "visitor_name": "",
    "phone": "",
    "proxy_name": "",
    "proxy_relation": "",
    "other_need": "",
    "outcome": "",
}


def due_bookings(cutoff):
    return Booking.objects.filter(date__lt=timezone.localdate(cutoff), erased_at__isnull=True)


def erase_bookings(cutoff, now, size):
    return {"escort_bookings": personal_data.update_in_batches(due_bookings(cutoff), size, erased_at=now, **ERASED)}


RULES = [
    personal_data.RetentionRule(
        name="escort_bookings",
        app="escort",
        what="escort bookings (visitor's name, phone, who booked, notes), from the visit: erased, needs kept as figures",
        setting="RETENTION_ESCORT_BOOKING_DAYS",
        default_days=DEFAULT_BOOKING_DAYS,
        due=due_bookings,
        apply=erase_bookings,
    ),
]
