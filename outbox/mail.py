"""Sending e-mail through the outbox: `send_email()` writes the messages, the task worker sends them."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from config.tasks import enqueue_on_commit
from outbox import delivery
from outbox.models import Message

# How often the periodic round looks for due retries and messages a dead worker left waiting.
ROUND_EVERY = datetime.timedelta(minutes=5)


def send_email(
    subject, body, to, from_email=None, html="", headers=None, language="", after_commit=False, attachments=None
):
    """Keep one message per address in `to` (no address is disclosed to another) and queue its sending.

    With the task queue in the database the sending commits with the message and whatever caused it; with a
    queue that runs tasks at once, `after_commit` holds the sending until the transaction has committed.
    `attachments` are small text files: [{"filename", "content", "mimetype"}]. Returns the messages.
    """
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    messages = Message.objects.bulk_create(
        Message(
            recipient=address,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            body=body,
            html=html or "",
            headers=headers or {},
            language=language or "",
            attachments=attachments or [],
        )
        for address in recipients
    )
    from outbox.tasks import deliver_message

    for message in messages:
        if after_commit:
            enqueue_on_commit(deliver_message, message.pk)
        else:
            deliver_message.enqueue(message.pk)
    return messages


def _send(message):
    email = EmailMultiAlternatives(
        message.subject, message.body, message.from_email, [message.recipient], headers=message.headers
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment.get("mimetype"))
    email.send()


def _book(pk, run_after):
    from outbox.tasks import deliver_message

    return delivery.book(deliver_message, pk, run_after)


def deliver(pk, now=None, force=False):
    """Try to send one message; a failure is kept with its error and retried on OUTBOX_RETRIES. Returns its status."""
    return delivery.attempt(Message.objects, pk, _send, _book, now=now, force=force)


def retry_due(now=None):
    """Send every message whose next attempt is due, and any left waiting. Returns how many were tried."""
    return delivery.retry_due(Message.objects, deliver, now)


def retry_now(message):
    """Staff's "try again" on a message that gave up or waits for its next attempt."""
    return deliver(message.pk, force=True)


def schedule_round(after=None):
    """Book the next periodic round in ROUND_EVERY, unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    from outbox.tasks import retry_round

    if not retry_round.get_backend().supports_defer:
        return None  # tasks run at once (the test suite): there is no queue to book into
    if DBTaskResult.objects.filter(task_path=retry_round.module_path, status="READY").exists():
        return None
    return retry_round.using(run_after=(after or timezone.now()) + ROUND_EVERY).enqueue()
