"""With the task queue in the database, a case's background work commits with the case, or not at all."""

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints import cases, tasks
from complaints.models import Case, Channel, Delivery, Notification, Topic

QUEUE_IN_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = QUEUE_IN_DATABASE
    settings.COMPLAINTS_HANDOFF = {"connector": "webhook", "url": "http://127.0.0.1:9/cases", "secret": "gizli"}


def file(**fields):
    return cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=Case.Kind.REQUEST,
        topic=Topic.objects.get(name="Asfalt Onarımı"),
        description="Sokağımızdaki çukurun onarılmasını istiyorum.",
        consent_at=timezone.now(),
        **{"name": "Ayşe Yılmaz", "phone": "+905321234567", "email": "ayse@example.org", **fields},
    )


@pytest.mark.django_db
def test_a_new_case_queues_one_task_in_its_own_transaction_which_sends_everything(database_queue, mailoutbox):
    case = file()
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs["args"]) == ("complaints.tasks.send_new_case", [case.pk])

    tasks.send_new_case.call(None, case.pk)  # as the worker runs it (the far side is not listening)
    assert case.display_number in mailoutbox[0].body
    assert Notification.objects.get(case=case, medium=Notification.Medium.SMS).status == Notification.Status.SENT
    delivery = Delivery.objects.get(case=case)
    assert delivery.status == Delivery.Status.RETRYING and delivery.attempts == 1


@pytest.mark.django_db
def test_a_rolled_back_case_leaves_no_task_behind(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        file()
        raise RuntimeError("the request failed after the case was filed")
    assert not Case.objects.exists() and not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_handed_off_case_tells_the_resident_in_the_same_task_without_queueing_another(settings, mailoutbox):
    from tests.complaints.fake_downstream import Downstream

    downstream = Downstream().start()
    try:
        settings.TASKS = QUEUE_IN_DATABASE
        settings.COMPLAINTS_HANDOFF = {"connector": "webhook", "url": downstream.url, "secret": "gizli"}
        case = file()
        DBTaskResult.objects.all().delete()  # as the worker took it

        tasks.send_new_case.call(None, case.pk)
    finally:
        downstream.stop()
    reference = Delivery.objects.get(case=case).remote_reference
    assert reference and Delivery.objects.get(case=case).status == Delivery.Status.DELIVERED
    assert [message.to for message in mailoutbox if reference in message.body] == [["ayse@example.org"]]
    assert not Notification.objects.filter(case=case).exclude(status=Notification.Status.SENT).exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_new_cases_notices_are_sent_together_and_a_failed_one_alone_waits_for_its_retry(
    database_queue, mailoutbox, settings
):
    from complaints.sms import LocmemBackend

    settings.COMPLAINTS_NOTIFICATION_RETRIES = [60]
    case = file()
    LocmemBackend.failures_left = 1  # the SMS provider refuses once
    try:
        tasks.send_new_case.call(None, case.pk)
    finally:
        LocmemBackend.failures_left = 0
    email = Notification.objects.get(case=case, medium=Notification.Medium.EMAIL)
    sms = Notification.objects.get(case=case, medium=Notification.Medium.SMS)
    assert (email.status, email.attempts) == (Notification.Status.SENT, 1) and len(mailoutbox) == 1
    assert (sms.status, sms.attempts) == (Notification.Status.RETRYING, 1) and sms.last_error
    retry = DBTaskResult.objects.get(task_path="complaints.tasks.deliver_notification")
    assert retry.args_kwargs["args"] == [sms.pk] and retry.run_after == sms.next_attempt_at
    tasks.send_new_case.call(None, case.pk)  # run again (a worker that died): the sent e-mail is not sent twice
    assert len(mailoutbox) == 1


def run_as_worker(result, worker="worker-1"):
    """What django-tasks-db's worker does with a queued run: claim it under its id, then call the task with it."""
    from django_tasks.base import TaskContext

    row = DBTaskResult.objects.get(pk=result.pk)
    row.claim(worker)
    return tasks.send_new_case.call(TaskContext(task_result=row.task_result), *row.task_result.args)


@pytest.fixture
def far_side(settings):
    from tests.complaints.fake_downstream import Downstream

    downstream = Downstream().start()
    settings.TASKS = QUEUE_IN_DATABASE
    settings.COMPLAINTS_HANDOFF = {"connector": "webhook", "url": downstream.url, "secret": "gizli"}
    yield downstream
    downstream.stop()


@pytest.mark.django_db
def test_one_run_takes_on_the_new_cases_waiting_behind_it_each_handed_off_and_told_once(far_side, mailoutbox):
    residents = ["ayse@example.org", "mehmet@example.org", "zeynep@example.org"]
    filed = [file(email=email) for email in residents]
    first = DBTaskResult.objects.order_by("enqueued_at").first()

    run_as_worker(first)

    assert far_side.posts == 3 and len(far_side.stored) == 3  # every case over there, once
    others = DBTaskResult.objects.exclude(pk=first.pk)  # done by the first run: none left to do it again
    assert list(others.values_list("status", "worker_ids")) == [("SUCCESSFUL", ["worker-1"])] * 2
    for case, email in zip(filed, residents, strict=True):
        delivery = Delivery.objects.get(case=case)
        assert delivery.status == Delivery.Status.DELIVERED and delivery.attempts == 1
        case.refresh_from_db()
        assert case.remote_reference == delivery.remote_reference
        mails = [message.body for message in mailoutbox if message.to == [email]]
        # Registered first, then "forwarded" with the far side's number: each resident their own two, once.
        assert len(mails) == 2 and case.display_number in mails[0] and delivery.remote_reference in mails[1]
        assert case.events.filter(action="forwarded").count() == 1
    # Each: an e-mail and an SMS on filing and on the hand-off (no answer channel chosen: SMS too), all sent.
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 3 * 4 == Notification.objects.count()


@pytest.mark.django_db
def test_when_the_far_side_fails_the_cases_not_tried_yet_wait_for_the_retry_untouched(far_side, mailoutbox):
    far_side.mode = "error"
    filed = [file(email=f"sakin{number}@example.org") for number in range(3)]
    run_as_worker(DBTaskResult.objects.order_by("enqueued_at").first())

    assert far_side.posts == 1  # one time-out or error is enough to know: the others are not tried now
    first, *rest = (Delivery.objects.get(case=case) for case in filed)
    assert (first.status, first.attempts) == (Delivery.Status.RETRYING, 1)
    for delivery in rest:
        assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 0)
        assert delivery.next_attempt_at == first.next_attempt_at
    booked = DBTaskResult.objects.filter(task_path="complaints.tasks.deliver_case", status="READY")
    assert sorted(run.args_kwargs["args"][0] for run in booked) == sorted(d.pk for d in [first, *rest])
    assert len(mailoutbox) == 3  # the residents still get their numbers now


@pytest.mark.django_db
def test_a_run_that_fails_puts_the_runs_it_took_back_in_the_queue(far_side, monkeypatch):
    for number in range(3):
        file(email=f"sakin{number}@example.org")
    first, *others = DBTaskResult.objects.order_by("enqueued_at")

    def broken(case_ids, forwarded_cases=()):
        raise RuntimeError("the template could not be read")

    monkeypatch.setattr("complaints.notifications.new_cases", broken)
    with pytest.raises(RuntimeError):
        run_as_worker(first)

    for run in others:
        run.refresh_from_db()
        assert (run.status, run.started_at) == ("READY", None)  # each runs again on its own
