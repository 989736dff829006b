import datetime

from django.utils import timezone
from django_tasks import task

from escort import reminders


@task()
def send_reminders():
    """The daily SMS reminders; then the task books itself for the same time tomorrow."""
    reminders.send_due()
    reminders.schedule_next(timezone.now() + datetime.timedelta(hours=1))
