from django_tasks import task

from outbox import mail, sms


@task()
def deliver_message(message_id):
    """Send one e-mail from the task worker, so a slow mail server never holds up a page; a failure books its retry."""
    return mail.deliver(message_id)


@task()
def retry_round():
    """Every few minutes: the e-mails whose retry is due or whose worker died, then the next round."""
    mail.retry_due()
    sms.retry_due()
    mail.schedule_round()


@task()
def deliver_text(message_id):
    """Send one SMS from the task worker; a failure books its retry."""
    return sms.deliver(message_id)
