from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RETRYING = "retrying", _("Failed, will retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, gave up")


class Attempted(models.Model):
    """Something sent by the task worker and tried again when sending fails (see outbox/delivery.py)."""

    Status = Status

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True


class MessageQuerySet(models.QuerySet):
    def unsent(self):
        """Waiting, retrying or given up: what staff may need to look at."""
        return self.exclude(status=Status.SENT)

    def failed(self):
        return self.filter(status=Status.FAILED)


class Message(Attempted):
    """One e-mail to one recipient, kept until it is delivered (account e-mails, event and assembly notices)."""

    # A record, not content: Wagtail's usage index would only add queries to every save.
    wagtail_reference_index_ignore = True

    recipient = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML text"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Small text files sent with the message, e.g. a meeting's .ics: [{"filename", "content", "mimetype"}].
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        permissions = [("retry_message", "Can send a failed e-mail again")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_message_due")]

    def __str__(self):
        # Not the address: Wagtail prints str() where other staff may read it (see complaints.Notification).
        return str(_("E-mail #%(pk)s") % {"pk": self.pk})


class TextMessage(Attempted):
    """One SMS to one number, kept until it is handed to the provider (council invitations; see outbox/sms.py)."""

    wagtail_reference_index_ignore = True

    recipient = models.CharField(_("recipient"), max_length=30)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_text_due")]

    def __str__(self):
        return str(_("Text message #%(pk)s") % {"pk": self.pk})
