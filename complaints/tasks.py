from django.db.models import Q
from django_tasks import task

from complaints import handoff, notifications
from complaints.models import Delivery


@task()
def deliver_notification(notification_id):
    """Send one e-mail or SMS to a citizen; a failure books the next attempt itself."""
    return notifications.deliver(notification_id)


@task()
def send_new_case(case_id):
    """A new case's first sending: the citizen's notices, then the hand-off. Each failure books its own retry.

    The notice that the hand-off succeeded ("forwarded") is sent here too, right after it, instead of by a
    task of its own: one task per case is a third less work for the workers at the busiest hour.
    Run again after its worker died (operations/workers.py), it sends what that worker had not sent, also
    finds the hand-off that worker had claimed and books a look for when that claim runs out.
    """
    _send_unsent_notices(case_id)
    unsent = Q(attempts=0) | Q(status=Delivery.Status.SENDING)
    forwarded = False
    for pk in Delivery.objects.filter(unsent, case_id=case_id).values_list("pk", flat=True):
        forwarded |= handoff.deliver(pk, queue_notices=False) == Delivery.Status.DELIVERED
    if forwarded:
        _send_unsent_notices(case_id)


def _send_unsent_notices(case_id):
    notifications.deliver_new(case_id)


@task()
def deliver_case(delivery_id):
    """Hand one case to the municipality's system; a failure books the next attempt itself."""
    return handoff.deliver(delivery_id)


@task()
def handoff_round():
    """Every few minutes while a connector is configured: due hand-offs, then answers from a polled system."""
    handoff.deliver_due()
    handoff.poll()
    handoff.schedule_round()
