from django_tasks import task

from complaints import handoff, notifications


@task()
def deliver_notification(notification_id):
    """Send one e-mail or SMS to a citizen; a failure books the next attempt itself."""
    return notifications.deliver(notification_id)


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
