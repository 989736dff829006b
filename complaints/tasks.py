from django_tasks import task

from complaints import notifications


@task()
def deliver_notification(notification_id):
    """Send one e-mail or SMS to a citizen; a failure books the next attempt itself."""
    return notifications.deliver(notification_id)
