"""SMS reminders the day before each booked escort.

`send_due()` reminds each booking once (a conditional update claims it first), so it may run as often as wanted:
by the self-rescheduling task the worker runs every morning, or by `manage.py send_escort_reminders` from cron.
"""

import datetime

from django.utils import timezone

SEND_AT = datetime.time(10, 30)


def send_due(today=None):
    """Text everyone booked for tomorrow (Istanbul time) who has not had a reminder; returns how many were queued."""
    from escort import notices
    from escort.models import Booking

    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    due = Booking.objects.filter(date=tomorrow, status=Booking.Status.BOOKED, reminder_sent_at__isnull=True)
    sent = 0
    for booking in due.select_related("office"):
        # Claimed before it is queued: two runs at once remind a booking once.
        claimed = Booking.objects.filter(pk=booking.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
        if claimed and notices.reminder(booking):
            sent += 1
    return sent


def schedule_next(after=None):
    """Book the reminder task for the next SEND_AT in Istanbul, unless one is already waiting."""
    from config.tasks import book_once, next_time_of_day
    from escort.tasks import send_reminders

    return book_once(send_reminders, next_time_of_day(SEND_AT, after or timezone.now()))
