"""Text messages to the visitor: the booking's code when it is made, and a reminder the day before.

Short and in Turkish (the visitor's language when booked in English): some visitors have the message read out
to them. Only mobiles get them (`outbox.sms.queue_sms` keeps and retries each one).
"""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from escort.forms import is_mobile
from outbox.sms import queue_sms


def _text(booking, kind):
    with translation.override(booking.language or "tr"):
        values = {
            "code": booking.code,
            "day": date_format(booking.date, "j F l"),
            "time": f"{booking.hour:02d}:00",
            "office": booking.office.name,
        }
        if kind == "booked":
            return (
                _(
                    "Escort booked for %(day)s at %(time)s (%(office)s). Code: %(code)s. "
                    "Ask at the entrance's information desk. 444 9 822"
                )
                % values
            )
        return (
            _(
                "Reminder: your escort is tomorrow, %(day)s at %(time)s (%(office)s). Code: %(code)s. "
                "Cannot come? Call 444 9 822"
            )
            % values
        )


def booked(booking):
    if booking.phone and is_mobile(booking.phone):
        queue_sms(booking.phone, _text(booking, "booked"))


def reminder(booking):
    """Queue the reminder; whether there was a mobile to send it to."""
    if booking.phone and is_mobile(booking.phone):
        queue_sms(booking.phone, _text(booking, "reminder"))
        return True
    return False
