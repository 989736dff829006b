"""With the task queue in the database, a case's background work commits with the case, or not at all."""

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints import cases
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
def test_the_tasks_for_a_new_case_are_queued_in_its_own_transaction(database_queue):
    case = file()
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == [
        "complaints.tasks.deliver_case",
        "complaints.tasks.deliver_notification",  # e-mail
        "complaints.tasks.deliver_notification",  # SMS
    ]
    delivery = Delivery.objects.get(case=case)
    assert DBTaskResult.objects.filter(task_path="complaints.tasks.deliver_case", args_kwargs__args=[delivery.pk])


@pytest.mark.django_db
def test_a_rolled_back_case_leaves_no_task_behind(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        file()
        raise RuntimeError("the request failed after the case was filed")
    assert not Case.objects.exists() and not Notification.objects.exists()
    assert not DBTaskResult.objects.exists()
