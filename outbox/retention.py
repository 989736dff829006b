"""Retention of e-mails in the outbox (KVKK, Law 6698 art. 7).

A message holds an address and the words written to its owner; once delivered it is only evidence that
it was sent. A sent message is deleted RETENTION_OUTBOX_DAYS after it was sent, a message given up the
same time after it was written (staff had that long to send it again). Waiting and retrying messages are
kept. The rule is registered by accounts (AccountsConfig.ready), which keeps the registry of rules and
stands above the outbox; these are its query and its deletion.
"""

from django.db import transaction
from django.db.models import Min, Q
from django.db.models.functions import Coalesce

from outbox.models import Message, Status, TextMessage

DEFAULT_DAYS = 30


def due_messages(cutoff):
    return Message.objects.filter(
        Q(status=Status.SENT, sent_at__lt=cutoff) | Q(status=Status.FAILED, created_at__lt=cutoff)
    )


def oldest_message(cutoff):
    return due_messages(cutoff).aggregate(oldest=Min(Coalesce("sent_at", "created_at")))["oldest"]


def delete_messages(cutoff, now, size):
    """Delete the due messages, `size` at a time, each batch in its own transaction."""
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(due_messages(cutoff).order_by("pk").values_list("pk", flat=True)[:size])
            if not batch:
                return {"outbox_messages": deleted}
            deleted += Message.objects.filter(pk__in=batch).delete()[0]


# A personal_data.RetentionRule's fields: accounts builds and registers it (the outbox imports no feature app).
RULE = {
    "name": "outbox_messages",
    "app": "outbox",
    "what": "e-mails in the outbox, from their sending (or, given up, their writing): deleted",
    "setting": "RETENTION_OUTBOX_DAYS",
    "default_days": DEFAULT_DAYS,
    "due": due_messages,
    "apply": delete_messages,
    "oldest": oldest_message,
}


def due_texts(cutoff):
    return TextMessage.objects.filter(
        Q(status=Status.SENT, sent_at__lt=cutoff) | Q(status=Status.FAILED, created_at__lt=cutoff)
    )


def oldest_text(cutoff):
    return due_texts(cutoff).aggregate(oldest=Min(Coalesce("sent_at", "created_at")))["oldest"]


def delete_texts(cutoff, now, size):
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(due_texts(cutoff).order_by("pk").values_list("pk", flat=True)[:size])
            if not batch:
                return {"outbox_texts": deleted}
            deleted += TextMessage.objects.filter(pk__in=batch).delete()[0]


# Text messages (a phone number and the words sent to it) are kept exactly as long as e-mails.
TEXTS_RULE = {
    "name": "outbox_texts",
    "app": "outbox",
    "what": "text messages (SMS) in the outbox, from their sending (or, given up, their writing): deleted",
    "setting": "RETENTION_OUTBOX_DAYS",
    "default_days": DEFAULT_DAYS,
    "due": due_texts,
    "apply": delete_texts,
    "oldest": oldest_text,
}
