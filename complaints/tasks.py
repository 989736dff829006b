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
    """A new case's first sending: the hand-off, then every notice to the citizen at once. Each failure books its
    own retry.

    The notice that the hand-off succeeded ("forwarded") goes out with the registration's, in one transaction,
    instead of by a task or a transaction of its own: at the busiest hour the workers' statements compete with
    the web's. The registration's notice waits for the hand-off, at most its time-out (10 s) when the
    municipality's system is slow; the resident already has the number on the screen.
    Run again after its worker died (operations/workers.py), it sends what that worker had not sent, also
    finds the hand-off that worker had claimed and books a look for when that claim runs out.
    """
    unsent = Q(attempts=0) | Q(status=Delivery.Status.SENDING)
    try:
        for pk in Delivery.objects.filter(unsent, case_id=case_id).values_list("pk", flat=True):
            handoff.deliver(pk, queue_notices=False)
    finally:
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
