"""Sending something once, recording why it failed and booking the next attempt: the outbox's engine.

Used for the portal's e-mails (outbox/mail.py) and the register's notifications to citizens
(complaints/notifications.py). A row is any `Attempted` model; `send(row)` raises on failure.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outbox.models import Status

# A message still waiting this long after it was written lost its worker (it died, or the queue was lost).
STALE_AFTER = datetime.timedelta(minutes=10)


# What an attempt changes on its row.
ATTEMPT_FIELDS = ["status", "attempts", "last_error", "next_attempt_at", "sent_at"]


def attempt(queryset, pk, send, book, now=None, force=False, delays=None):
    """Try to send row `pk` of `queryset`; on failure record why and book the next attempt. Returns its status.

    `delays` (default OUTBOX_RETRIES) are the seconds before attempts 2, 3, ...; after the last the row is
    given up (FAILED) until staff try again. `book(pk, run_after)` queues the retry. A retry that is not
    yet due is left alone (unless `force`), so the task booked by a failure and the periodic round never
    send twice or shorten the pauses between attempts.
    """
    now = now or timezone.now()
    delays = settings.OUTBOX_RETRIES if delays is None else delays
    with transaction.atomic():
        row = queryset.select_for_update().filter(pk=pk).first()
        if row is None:
            return None
        if row.status == Status.SENT:
            return row.status
        if not force and (row.status == Status.FAILED or (row.status == Status.RETRYING and row.next_attempt_at > now)):
            return row.status
        _try(row, send, now, delays)
        row.save(update_fields=ATTEMPT_FIELDS)
    if row.status == Status.RETRYING:
        book(row.pk, row.next_attempt_at)
    return row.status


def attempt_new(queryset, send, book, now=None, delays=None):
    """The first attempt at every row of `queryset` not tried yet (the notices of a new case), in pk order, in one
    transaction of two statements however many there are (one more for each other outcome). Returns their
    statuses. A row another worker is sending waits for it and is then left alone (tried already)."""
    now = now or timezone.now()
    delays = settings.OUTBOX_RETRIES if delays is None else delays
    with transaction.atomic():
        rows = list(queryset.select_for_update().filter(attempts=0, status=Status.PENDING).order_by("pk"))
        outcomes = {}  # the rows by what the attempt wrote on them: nearly always one outcome, "sent"
        for row in rows:
            _try(row, send, now, delays)
            outcomes.setdefault(tuple(getattr(row, name) for name in ATTEMPT_FIELDS), []).append(row.pk)
        for values, pks in outcomes.items():
            queryset.model.objects.filter(pk__in=pks).update(**dict(zip(ATTEMPT_FIELDS, values, strict=True)))
    for row in rows:
        if row.status == Status.RETRYING:
            book(row.pk, row.next_attempt_at)
    return [row.status for row in rows]


def _try(row, send, now, delays):
    """Send `row` (locked by the caller) once and write the outcome on it, unsaved: sent, or why not and when next."""
    row.attempts += 1
    try:
        send(row)
    except Exception as error:  # any failure of a mail server or SMS provider is recorded, not raised
        row.last_error = f"{type(error).__name__}: {error}"[:500]
        if row.attempts > len(delays):
            row.status = Status.FAILED
            row.next_attempt_at = None
        else:
            row.status = Status.RETRYING
            row.next_attempt_at = now + datetime.timedelta(seconds=delays[row.attempts - 1])
    else:
        row.status = Status.SENT
        row.sent_at = now
        row.next_attempt_at = None


def retry_due(queryset, deliver, now=None):
    """`deliver(pk, now=now)` every row whose next attempt is due, and any left waiting (a worker that died).
    Returns how many were tried."""
    now = now or timezone.now()
    retries = queryset.filter(status=Status.RETRYING, next_attempt_at__lte=now)
    stale = queryset.filter(status=Status.PENDING, created_at__lte=now - STALE_AFTER)
    pks = list(retries.values_list("pk", flat=True)) + list(stale.values_list("pk", flat=True))
    for pk in pks:
        deliver(pk, now=now)
    return len(pks)


def book(task, pk, run_after):
    """Queue `task(pk)` for `run_after`; with a queue that cannot wait (tasks run at once), the periodic round
    picks the row up instead."""
    if not task.get_backend().supports_defer:
        return None
    return task.using(run_after=run_after).enqueue(pk)
