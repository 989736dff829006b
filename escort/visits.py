"""What the escort records of a visit."""

from django.utils import timezone

from escort.models import Booking


def record(booking, escort, status, helped_offices=(), outcome=""):
    """The escort's record of a visit: met (when, by whom, helped to which offices, how it went) or not."""
    booking.status = status
    booking.escort = escort
    booking.outcome = outcome.strip()
    booking.met_at = (booking.met_at or timezone.now()) if status == Booking.Status.MET else None
    booking.save(update_fields=["status", "escort", "outcome", "met_at"])
    booking.helped_offices.set(helped_offices if status == Booking.Status.MET else [])
