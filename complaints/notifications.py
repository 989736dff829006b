"""Messages to citizens about their case, kept in an outbox until delivered.

Each message is a Notification row written in the same transaction as the change it
reports (a new case's first notices: by the task worker, `new_cases`, whose queued task
commits with the case); the task worker sends it after commit. A failed send is recorded with its
error and tried again later (COMPLAINTS_NOTIFICATION_RETRIES), so a message is never
silently lost: the register shows what is waiting, retrying or given up.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from complaints import feedback, phones, sms
from complaints.models import Case, Notification
from config.tasks import enqueue_on_commit
from outbox import delivery
from outbox.mail import send_email


def _render(template, case, language, **extra):
    with translation.override(language):
        return render_to_string(
            template,
            {
                "case": case,
                "site_url": settings.WAGTAILADMIN_BASE_URL,
                "lookup_path": settings.COMPLAINTS_LOOKUP_PATH,
                "fixed_path": _fixed_path(case),
                **extra,
            },
        ).strip()


def _fixed_path(case):
    """The answered case's "Is it fixed?" link, without login (complaints/feedback.py), in the active language.
    The page is the public reports' (by its name: the register does not import them)."""
    if case.status != Case.Status.ANSWERED or case.answered_at is None:
        return ""
    return reverse("publicreports:fixed", args=[feedback.token(case)])


def _queue(case, event):
    """Write the e-mail and SMS for `event` ("forwarded" or "answered") to the outbox and queue their sending for
    after the commit."""
    from complaints.tasks import deliver_notification

    queued = _build(case, event)
    Notification.objects.bulk_create(queued)
    for notification in queued:
        enqueue_on_commit(deliver_notification, notification.pk)
    return queued


def _build(case, event):
    """The e-mail and SMS for `event` about `case`, in the citizen's language, not yet stored."""
    if case.anonymous:
        return []
    language = case.language or "tr"
    built = []
    if case.email:
        built.append(
            Notification(
                case=case,
                medium=Notification.Medium.EMAIL,
                recipient=case.email,
                subject=" ".join(_render(f"complaints/notifications/{event}_subject.txt", case, language).split()),
                body=_render(f"complaints/notifications/{event}_body.txt", case, language),
            )
        )
    if case.phone and phones.is_mobile(case.phone) and (event == "registered" or case.reply_by != Case.ReplyBy.EMAIL):
        built.append(
            Notification(
                case=case,
                medium=Notification.Medium.SMS,
                recipient=case.phone,
                body=_render(f"complaints/notifications/{event}_sms.txt", case, language),
            )
        )
    return built


def has_recipient(case):
    """Whether the citizen of `case` can be told anything: not anonymous, with an e-mail or a mobile number."""
    return not case.anonymous and bool(case.email or (case.phone and phones.is_mobile(case.phone)))


def forwarded(case):
    """The number the municipality's own system gave the case, so the citizen can quote either (a retried
    hand-off; a new case's goes with its registration's, `new_cases`)."""
    return _queue(case, "forwarded")


def new_cases(case_ids, forwarded_cases=()):
    """Write to the outbox, unsent, the notices of new cases: the registration's for each case of `case_ids` that
    has no notice yet (the task worker writes them after the request that filed the case, so a run again after a
    worker died writes none twice), then "forwarded" for each of `forwarded_cases` (handed off just now).
    Two statements, however many cases."""
    from django.db.models import Exists, OuterRef

    queued = []
    if case_ids:
        told = Notification.objects.filter(case=OuterRef("pk"))
        for case in Case.objects.filter(~Exists(told), pk__in=case_ids, anonymous=False).order_by("pk"):
            queued += _build(case, "registered")
    for case in forwarded_cases:
        queued += _build(case, "forwarded")
    Notification.objects.bulk_create(queued)
    return queued


def answered(case):
    """The answer, through the reply channel the citizen chose (e-mail always when given); also to the residents
    who added their voice to the case and to those whose duplicate was merged into it."""
    return _queue(case, "answered") + _tell_followers(case)


def public_path(case, known_public=False):
    """The case's public page (app `publicreports`, named here, not imported) when the case is public; else ""."""
    from django.urls import reverse

    if not known_public and not Case.objects.public().filter(pk=case.pk).exists():
        return ""
    return reverse("publicreports:report", args=[case.pk])


def _tell_followers(case):
    """The answer to the case's supporters (who hold no code: the answer is in the message) and to the
    residents of the duplicates merged into it (through their own case's link)."""
    from complaints.models import Supporter

    queued = []
    extra = {"original": case, "public_path": public_path(case)}
    for supporter in Supporter.objects.filter(case=case).exclude(email="", phone=""):
        queued += _messages(case, "answered_supporter", supporter.email, supporter.phone, "tr", **extra)
    duplicates = Case.objects.filter(
        duplicate_of=case, status=Case.Status.DUPLICATE, anonymous=False, anonymised_at__isnull=True
    )
    for duplicate in duplicates:
        queued += _messages(duplicate, "answered_merged", duplicate.email, duplicate.phone, duplicate.language, **extra)
    return _store(queued)


def merged(duplicate, original):
    """The resident of a case the call centre merged into another: where their report went, and that they will
    hear its answer (or the answer itself, when it is already given)."""
    if duplicate.anonymous:
        return []
    extra = {"original": original, "public_path": public_path(original)}
    return _store(_messages(duplicate, "merged", duplicate.email, duplicate.phone, duplicate.language, **extra))


def _messages(case, event, email, phone, language, **extra):
    """The e-mail and the SMS of `event` for one person (not yet stored)."""
    language = language or "tr"
    messages = []
    if email:
        subject = _render(f"complaints/notifications/{event}_subject.txt", case, language, **extra)
        messages.append(
            Notification(
                case=case,
                medium=Notification.Medium.EMAIL,
                recipient=email,
                subject=" ".join(subject.split()),
                body=_render(f"complaints/notifications/{event}_body.txt", case, language, **extra),
            )
        )
    if phone and phones.is_mobile(phone):
        messages.append(
            Notification(
                case=case,
                medium=Notification.Medium.SMS,
                recipient=phone,
                body=_render(f"complaints/notifications/{event}_sms.txt", case, language, **extra),
            )
        )
    return messages


def _store(queued):
    from complaints.tasks import deliver_notification

    Notification.objects.bulk_create(queued)
    for notification in queued:
        enqueue_on_commit(deliver_notification, notification.pk)
    return queued


def tell_directorate(case):
    """Tell the directorate's shared mailbox that a case was routed to it (staff, not the citizen)."""
    directorate = case.directorate
    if directorate is None or not directorate.email:
        return
    subject = _render("complaints/notifications/routed_subject.txt", case, "tr")
    body = _render("complaints/notifications/routed_body.txt", case, "tr")

    send_email(subject=" ".join(subject.split()), body=body, to=[directorate.email], language="tr", after_commit=True)


def _book(pk, run_after):
    from complaints.tasks import deliver_notification

    return delivery.book(deliver_notification, pk, run_after)


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
    """Try to send one notification; on failure record why and book the next attempt (outbox/delivery.py, on
    COMPLAINTS_NOTIFICATION_RETRIES). Returns its status."""
    return delivery.attempt(
        Notification.objects, pk, _send, _book, now=now, force=force, delays=settings.COMPLAINTS_NOTIFICATION_RETRIES
    )


def deliver_new(case_ids):
    """Send the notices not tried yet (of their registration, their hand-off) of the cases `case_ids`, in one go."""
    return delivery.attempt_new(
        Notification.objects.filter(case_id__in=case_ids),
        _send,
        _book,
        delays=settings.COMPLAINTS_NOTIFICATION_RETRIES,
    )


def retry_due(now=None):
    """Send every notification whose next attempt is due, and any left waiting (a worker that died). Returns the count."""
    return delivery.retry_due(Notification.objects, deliver, now)


def retry_now(notification):
    """Staff's "try again" on a notification that gave up or is waiting for its next attempt."""
    return deliver(notification.pk, force=True)
