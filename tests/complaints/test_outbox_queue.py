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
        name="Ayşe Yılmaz",
        phone="+905321234567",
        email="ayse@example.org",
        consent_at=timezone.now(),
        **fields,
    )


@pytest.mark.django_db
def test_a_new_case_queues_one_task_in_its_own_transaction_which_sends_everything(database_queue, mailoutbox):
    case = file()
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs["args"]) == ("complaints.tasks.send_new_case", [case.pk])

    tasks.send_new_case.call(case.pk)  # as the worker runs it (the far side is not listening)
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

        tasks.send_new_case.call(case.pk)
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
        tasks.send_new_case.call(case.pk)
    finally:
        LocmemBackend.failures_left = 0
    email = Notification.objects.get(case=case, medium=Notification.Medium.EMAIL)
    sms = Notification.objects.get(case=case, medium=Notification.Medium.SMS)
    assert (email.status, email.attempts) == (Notification.Status.SENT, 1) and len(mailoutbox) == 1
    assert (sms.status, sms.attempts) == (Notification.Status.RETRYING, 1) and sms.last_error
    retry = DBTaskResult.objects.get(task_path="complaints.tasks.deliver_notification")
    assert retry.args_kwargs["args"] == [sms.pk] and retry.run_after == sms.next_attempt_at
    tasks.send_new_case.call(case.pk)  # run again (a worker that died): the sent e-mail is not sent twice
    assert len(mailoutbox) == 1
