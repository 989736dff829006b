from django.db import transaction
from django_tasks import task

from complaints import handoff, notifications
from config.tasks import settle, take_waiting


@task()
def deliver_notification(notification_id):
    """Send one e-mail or SMS to a citizen; a failure books the next attempt itself."""
    return notifications.deliver(notification_id)


# How many new cases one run of `send_new_case` takes on when the queue has fallen behind.
NEW_CASES_AT_ONCE = 25


@task(takes_context=True)
def send_new_case(context, case_id, notify=True):
    """A new case's first sending: the hand-off, then every notice to the citizen at once (written here, not by
    the request that filed the case). Each failure books its own retry.

    When more new cases wait in the queue (the busiest hour), this run takes them on too (config.tasks.
    take_waiting): one claim of their hand-offs, one transaction for the outcomes and the notices, one for
    the sending, instead of five commits a case. The registration's notice waits for the hand-off, at most
    its time-out (10 s) when the municipality's system is slow; the resident already has the number on the
    screen. Run again after its worker died (operations/workers.py), it writes and sends only what that
    worker had not, and books a look at a hand-off that worker had claimed for when the claim runs out.
    `context` is None when called directly (the tests): then it sends its own case only.
    """
    taken = take_waiting(send_new_case, context, NEW_CASES_AT_ONCE - 1)
    runs = [(case_id, notify)] + [(args[0], kwargs.get("notify", True)) for _pk, args, kwargs in taken]
    try:
        case_ids = [pk for pk, _notify in runs]
        sent = handoff.deliver_new(case_ids) if handoff.config().get("connector") else []
        with transaction.atomic():
            forwarded = handoff.record_delivered(sent)
            notifications.new_cases([pk for pk, notify in runs if notify], forwarded)
        notifications.deliver_new(case_ids)
    except BaseException:
        settle(taken, succeeded=False)
        raise
    settle(taken, succeeded=True)


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
