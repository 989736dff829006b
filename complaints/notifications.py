"""Messages to citizens about their case, kept in an outbox until delivered.

Each message is a Notification row written in the same transaction as the change it
reports; the task worker sends it after commit. A failed send is recorded with its
error and tried again later (COMPLAINTS_NOTIFICATION_RETRIES), so a message is never
silently lost: the register shows what is waiting, retrying or given up.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from complaints import phones, sms
from complaints.models import Case, Notification
from config.tasks import enqueue_on_commit


def _render(template, case, language):
    with translation.override(language):
        return render_to_string(
            template,
            {
                "case": case,
                "site_url": settings.WAGTAILADMIN_BASE_URL,
                "lookup_path": settings.COMPLAINTS_LOOKUP_PATH,
            },
        ).strip()


def _queue(case, event, send=True):
    """Write the e-mail and SMS for `event` ("registered" or "answered") to the outbox and, if `send`, queue their
    sending for after the commit (else the caller queues it)."""
    if case.anonymous:
        return []
    language = case.language or "tr"
    queued = []
    if case.email:
        queued.append(
            Notification(
                case=case,
                medium=Notification.Medium.EMAIL,
                recipient=case.email,
                subject=" ".join(_render(f"complaints/notifications/{event}_subject.txt", case, language).split()),
                body=_render(f"complaints/notifications/{event}_body.txt", case, language),
            )
        )
    if case.phone and phones.is_mobile(case.phone) and (event == "registered" or case.reply_by != Case.ReplyBy.EMAIL):
        queued.append(
            Notification(
                case=case,
                medium=Notification.Medium.SMS,
                recipient=case.phone,
                body=_render(f"complaints/notifications/{event}_sms.txt", case, language),
            )
        )
    from complaints.tasks import deliver_notification

    Notification.objects.bulk_create(queued)
    for notification in queued if send else ():
        enqueue_on_commit(deliver_notification, notification.pk)
    return queued


def registered(case, send=True):
    """The tracking number, by e-mail and SMS, as soon as the case is stored."""
    return _queue(case, "registered", send)


def forwarded(case):
    """The number the municipality's own system gave the case, so the citizen can quote either."""
    return _queue(case, "forwarded")


def answered(case):
    """The answer, through the reply channel the citizen chose (e-mail always when given)."""
    return _queue(case, "answered")


def tell_directorate(case):
    """Tell the directorate's shared mailbox that a case was routed to it (staff, not the citizen)."""
    directorate = case.directorate
    if directorate is None or not directorate.email:
        return
    subject = _render("complaints/notifications/routed_subject.txt", case, "tr")
    body = _render("complaints/notifications/routed_body.txt", case, "tr")

    from accounts.tasks import send_email

    enqueue_on_commit(
        send_email,
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[directorate.email],
    )


def _enqueue(pk, run_after=None):
    from complaints.tasks import deliver_notification

    task = deliver_notification
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None  # no queue to book into (tasks run at once): retry_due() picks it up
        task = task.using(run_after=run_after)
    return task.enqueue(pk)


def _send(notification):
    if notification.medium == Notification.Medium.EMAIL:
        EmailMessage(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.subject}",
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient],
        ).send()
    else:
        sms.send_sms(notification.recipient, notification.body)


def deliver(pk, now=None, force=False):
    """Try to send one notification; on failure record why and book the next attempt. Returns its status.

    A retry that is not yet due is left alone (unless `force`), so the task booked by a
    failure and the cron safety net never send twice or shorten the pauses between attempts.
    """
    now = now or timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=pk).first()
        if notification is None:
            return None
        if notification.status == Notification.Status.SENT:
            return notification.status
        if not force and (
            notification.status == Notification.Status.FAILED
            or (notification.status == Notification.Status.RETRYING and notification.next_attempt_at > now)
        ):
            return notification.status
        notification.attempts += 1
        try:
            _send(notification)
        except Exception as error:  # any failure of a mail server or SMS provider is recorded, not raised
            delays = settings.COMPLAINTS_NOTIFICATION_RETRIES
            notification.last_error = f"{type(error).__name__}: {error}"[:500]
            if notification.attempts > len(delays):
                notification.status = Notification.Status.FAILED
                notification.next_attempt_at = None
            else:
                notification.status = Notification.Status.RETRYING
                notification.next_attempt_at = now + datetime.timedelta(seconds=delays[notification.attempts - 1])
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = now
            notification.next_attempt_at = None
        notification.save()
    if notification.status == Notification.Status.RETRYING:
        _enqueue(notification.pk, run_after=notification.next_attempt_at)
    return notification.status


def retry_due(now=None):
    """Send every notification whose next attempt is due, and any left waiting (a worker that died). Returns the count."""
    now = now or timezone.now()
    due = Notification.objects.filter(status=Notification.Status.RETRYING, next_attempt_at__lte=now)
    stale = Notification.objects.filter(
        status=Notification.Status.PENDING, created_at__lte=now - datetime.timedelta(minutes=10)
    )
    pks = list(due.values_list("pk", flat=True)) + list(stale.values_list("pk", flat=True))
    for pk in pks:
        deliver(pk, now=now)
    return len(pks)


def retry_now(notification):
    """Staff's "try again" on a notification that gave up or is waiting for its next attempt."""
    return deliver(notification.pk, force=True)
