import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints import cases, handoff, tasks
from complaints.models import Case, Delivery
from tests.complaints.fake_downstream import Downstream


@pytest.fixture
def downstream(settings):
    server = Downstream().start()
    settings.COMPLAINTS_HANDOFF = {
        "connector": "webhook",
        "url": server.url,
        "secret": "paylasilan-gizli-anahtar",
        "timeout": 0.5,
        "max_attempts": 4,
        "base_delay": 30,
        "max_delay": 600,
    }
    yield server
    server.stop()


def later(delivery, seconds=1):
    delivery.refresh_from_db()
    return delivery.next_attempt_at + datetime.timedelta(seconds=seconds)


def test_a_case_is_handed_off_once_with_its_key_and_signature(make_case, downstream, mailoutbox):
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    assert delivery.status == Delivery.Status.DELIVERED and delivery.attempts == 1
    reference, payload, headers = downstream.stored[str(case.uuid)]
    assert payload["tracking_number"] == case.tracking_number and payload["citizen"]["phone"] == "+905321234567"
    assert headers["X-Portal-Signature"].startswith("sha256=")
    case.refresh_from_db()
    assert case.remote_reference == reference == delivery.remote_reference
    assert case.events.filter(action="forwarded").exists()
    # The citizen learns the far side's number too.
    assert any(reference in message.body for message in mailoutbox if message.to == ["ayse@example.org"])


@pytest.mark.parametrize("mode", ["down", "slow", "error", "drop"])
def test_after_any_failure_the_case_arrives_exactly_once(make_case, downstream, mode):
    if mode == "down":
        downstream.stop()
    else:
        downstream.mode = mode
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    assert delivery.status == Delivery.Status.RETRYING and delivery.last_error
    assert delivery.ambiguous == (mode != "down")  # refused connections never reached the far side
    if mode == "down":
        downstream.__init__()
        downstream.start()
        handoff.config()["url"] = downstream.url
    downstream.mode = "up"
    # Nothing is tried before its time; then the next attempt asks before posting again.
    assert handoff.deliver_due(now=timezone.now()) == 0
    assert handoff.deliver_due(now=later(delivery)) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert len(downstream.stored) == 1
    # A dropped answer is found by its key and never posted twice; the others had stored nothing.
    assert downstream.posts == {"down": 1, "slow": 2, "error": 2, "drop": 1}[mode]


def test_backoff_doubles_with_jitter_and_gives_up_to_a_person(make_case, downstream, mailoutbox):
    from complaints import groups
    from tests.factories import UserFactory

    clerk = UserFactory(email="cagri@umraniye.bel.tr")
    clerk.groups.add(groups.ensure_call_centre_group())
    downstream.mode = "error"
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    waits = []
    while delivery.status == Delivery.Status.RETRYING:
        before = delivery.next_attempt_at
        handoff.deliver_due(now=later(delivery))
        delivery.refresh_from_db()
        if delivery.status == Delivery.Status.RETRYING:
            waits.append((delivery.next_attempt_at - before).total_seconds())
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION and delivery.attempts == 4
    assert 30 <= waits[0] <= 2 * 60 + 1 and waits[1] > 0
    assert any(case.display_number in message.subject for message in mailoutbox)


def test_a_refusal_goes_to_a_person_with_the_far_sides_message(make_case, downstream):
    downstream.mode = "refuse"
    delivery = Delivery.objects.get(case=make_case())
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION
    assert "en az 20 karakter" in delivery.last_error
    assert downstream.posts == 1


def test_a_worker_killed_mid_delivery_leaves_nothing_lost_or_doubled(make_case, downstream):
    downstream.stop()  # the first worker's attempt never finishes: simulate by claiming and dying
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    downstream.__init__()
    downstream.start()
    handoff.config()["url"] = downstream.url
    # A worker took it and died after the far side had stored it, before it could write that down.
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENDING, claimed_at=timezone.now())
    downstream.stored[str(case.uuid)] = ("BM-ONCEKI", {}, {})
    assert handoff.deliver_due(now=timezone.now()) == 0  # its claim still holds
    assert handoff.deliver_due(now=timezone.now() + handoff.CLAIM_LEASE + datetime.timedelta(seconds=1)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.remote_reference) == (Delivery.Status.DELIVERED, "BM-ONCEKI")
    assert downstream.posts == 0


def test_cases_stay_home_without_a_connector(make_case, settings):
    settings.COMPLAINTS_HANDOFF = {"connector": ""}
    assert not Delivery.objects.filter(case=make_case()).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_racing_deliver_once(downstream, settings):
    from complaints.models import Channel

    settings.COMPLAINTS_HANDOFF = {**settings.COMPLAINTS_HANDOFF, "connector": ""}
    case = cases.file_case(channel=Channel.PHONE, description="Yarış testi için başvuru.", notify=False)
    delivery = Delivery.objects.create(case=case)
    settings.COMPLAINTS_HANDOFF = {**settings.COMPLAINTS_HANDOFF, "connector": "webhook"}
    start, results = threading.Barrier(4), []

    def work():
        try:
            start.wait()
            results.append(handoff.deliver(delivery.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results, key=str) == [None, None, None, Delivery.Status.DELIVERED]
    assert downstream.posts == 1 and len(downstream.stored) == 1


def test_staff_see_a_refused_hand_off_and_send_it_again(client, make_case, downstream):
    from complaints import groups
    from tests.factories import UserFactory

    clerk = UserFactory()
    clerk.groups.add(groups.ensure_call_centre_group())
    downstream.mode = "refuse"
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    client.force_login(clerk)
    assert "en az 20 karakter" in client.get(f"/admin/cases/inspect/{case.pk}/").content.decode()
    listing = client.get("/admin/snippets/complaints/delivery/", {"status": "needs_attention"}).content.decode()
    assert case.display_number in listing
    downstream.mode = "up"
    client.post(f"/admin/cases/handoff/{delivery.pk}/retry/")
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED and len(downstream.stored) == 1


def post_update(client, payload, secret="paylasilan-gizli-anahtar"):
    import json

    body = json.dumps(payload).encode()
    return client.post(
        "/handoff/updates/",
        body,
        content_type="application/json",
        HTTP_X_PORTAL_SIGNATURE=handoff.signature(secret, body),
    )


def test_an_answer_from_the_far_side_reaches_the_citizen_once(
    client, make_case, downstream, mailoutbox, django_capture_on_commit_callbacks
):
    case = make_case()
    mailoutbox.clear()
    update = {"update_id": "BM-1-answer", "idempotency_key": str(case.uuid), "answer": "Çukur 27 Kasım'da onarıldı."}
    with django_capture_on_commit_callbacks(execute=True):
        assert post_update(client, update).json() == {"applied": True}
        assert post_update(client, update).json() == {"applied": False}  # sent again: nothing more
    case.refresh_from_db()
    assert (case.status, case.public_answer) == (Case.Status.ANSWERED, "Çukur 27 Kasım'da onarıldı.")
    assert len([message for message in mailoutbox if "onarıldı" in message.body]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        post_update(client, {"update_id": "BM-1-close", "tracking_number": case.tracking_number, "status": "closed"})
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_a_wrong_signature_changes_nothing(client, make_case, downstream):
    case = make_case()
    update = {"update_id": "sahte", "idempotency_key": str(case.uuid), "answer": "Sahte yanıt", "status": "closed"}
    response = post_update(client, update, secret="baska-anahtar")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status != Case.Status.CLOSED and not case.public_answer
    assert not case.remote_updates.exists()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"idempotency_key": "x", "answer": "a"}, 400),
        ({"update_id": "u1", "tracking_number": "123456789"}, 404),
        ({"update_id": "u2", "idempotency_key": "not-a-uuid"}, 404),
    ],
)
def test_bad_updates_are_refused_with_a_reason(client, downstream, db, payload, status):
    response = post_update(client, payload)
    assert response.status_code == status and response.json()["error"]


def test_an_impossible_status_is_refused_and_not_recorded(client, make_case, downstream):
    case = make_case()
    cases.answer(case, "Yanıt")
    cases.set_status(case, Case.Status.CLOSED)
    response = post_update(client, {"update_id": "u3", "idempotency_key": str(case.uuid), "status": "in_progress"})
    assert response.status_code == 409
    assert not case.remote_updates.exists()  # so a corrected update with the same id can still come


@pytest.fixture
def open311_downstream(settings):
    from tests.complaints.fake_downstream import Open311Downstream

    server = Open311Downstream()
    settings.COMPLAINTS_HANDOFF = {
        "connector": "open311",
        "url": server.url,
        "api_key": "ibb-anahtari",
        "jurisdiction_id": "umraniye.bel.tr",
        "timeout": 0.5,
        "max_attempts": 4,
    }
    yield server
    server.stop()


def test_open311_posts_the_case_and_polling_brings_the_answer_once(
    make_case, open311_downstream, mailoutbox, django_capture_on_commit_callbacks
):
    case = make_case(latitude="41.0201", longitude="29.1102")
    delivery = Delivery.objects.get(case=case)
    assert (delivery.status, delivery.remote_reference) == (Delivery.Status.DELIVERED, "IBB-00001")
    posted = open311_downstream.requests["IBB-00001"]
    assert posted["jurisdiction_id"] == "umraniye.bel.tr" and posted["attribute[portal_id]"] == str(case.uuid)
    assert posted["description"].startswith(f"[{case.display_number}]") and posted["lat"] == "41.020100"
    assert handoff.poll() == 0  # still open over there
    open311_downstream.requests["IBB-00001"].update(status="closed", status_notes="Asfalt yenilendi.", updated="2")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert handoff.poll() == 1
        assert handoff.poll() == 0  # polled again: the same update is not applied twice
    case.refresh_from_db()
    assert (case.status, case.public_answer) == (Case.Status.ANSWERED, "Asfalt yenilendi.")
    assert len([message for message in mailoutbox if "Asfalt yenilendi." in message.body]) == 1


def test_open311_never_posts_blindly_after_an_ambiguous_failure(make_case, open311_downstream):
    open311_downstream.mode = "drop"
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    assert delivery.status == Delivery.Status.RETRYING and delivery.ambiguous
    open311_downstream.mode = "up"
    handoff.deliver_due(now=later(delivery))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.NEEDS_ATTENTION and "check in its system" in delivery.last_error
    assert len(open311_downstream.requests) == 1  # stored once over there, never twice


def test_a_new_case_run_again_after_its_worker_died_looks_again_when_the_claim_runs_out(
    make_case, downstream, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    case = make_case()
    delivery = Delivery.objects.get(case=case)
    claimed_at = timezone.now()
    # The first worker claimed the hand-off and died; its task was put back in the queue (operations/workers.py).
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENDING, claimed_at=claimed_at, attempts=1)
    DBTaskResult.objects.all().delete()

    tasks.send_new_case.call(None, case.pk)

    booked = DBTaskResult.objects.get()
    assert booked.task_path == "complaints.tasks.deliver_case"
    assert booked.args_kwargs["args"] == [delivery.pk]
    assert booked.run_after == claimed_at + handoff.CLAIM_LEASE + datetime.timedelta(seconds=1)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENDING  # still the first worker's until the claim runs out


@pytest.mark.parametrize("given", ["sha256=é", "sha256=\u0130\u015f", "", "sha256=" + "0" * 64])
def test_a_wrong_or_non_ascii_signature_is_refused_not_a_500(client, settings, given):
    settings.COMPLAINTS_HANDOFF = {"connector": "webhook", "url": "http://127.0.0.1:9/", "secret": "gizli"}
    response = client.post(
        "/handoff/updates/", b'{"update_id": "x"}', content_type="application/json", HTTP_X_PORTAL_SIGNATURE=given
    )
    assert response.status_code == 403 and response.json() == {"error": "Invalid signature."}
