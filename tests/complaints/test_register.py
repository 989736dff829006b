import datetime
import itertools
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from complaints import cases, notifications, tracking
from complaints.models import Case, CaseEvent, Channel, Notification, Topic
from tests.factories import UserFactory


def test_a_case_is_routed_to_its_topics_directorate_and_due_by_its_channels_deadline(make_case, veterinary):
    case = make_case(topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"), channel=Channel.INFORMATION)
    assert case.directorate == veterinary
    assert case.status == Case.Status.ROUTED
    assert case.due_on == cases.due_date(Channel.INFORMATION, timezone.localdate(case.received_at))
    assert [event.action for event in case.events.all()] == [CaseEvent.Action.REGISTERED, CaseEvent.Action.ROUTED]


def test_registration_sends_the_tracking_number_by_email_and_sms(make_case, sms_outbox):
    case = make_case()
    assert case.display_number in mail.outbox[0].subject
    assert case.display_number in mail.outbox[0].body
    assert "/oneri-kutusu/takip/" in mail.outbox[0].body
    assert [(sent.to, case.display_number in sent.text) for sent in sms_outbox] == [("+905321234567", True)]
    assert set(case.notifications.values_list("status", flat=True)) == {Notification.Status.SENT}


def test_anonymous_cases_keep_no_contact_and_send_nothing(make_case, sms_outbox):
    case = make_case(anonymous=True)
    assert (case.name, case.phone, case.email, case.user) == ("", "", "", None)
    assert not mail.outbox and not sms_outbox and not case.notifications.exists()


def test_a_landline_gets_no_sms(make_case, sms_outbox):
    make_case(phone="+902164445566", email="")
    assert not sms_outbox


def test_each_change_is_written_to_the_history_with_who_and_what(make_case, works, veterinary):
    clerk, engineer = UserFactory(), UserFactory()
    case = make_case()
    cases.route(case, veterinary, actor=clerk)
    cases.route(case, works, actor=clerk)
    cases.set_status(case, Case.Status.IN_PROGRESS, actor=engineer)
    cases.add_note(case, "Ekip yarın gidecek.", actor=engineer)
    before = Case.objects.get(pk=case.pk)
    case.address = "Alemdağ Caddesi 12"
    cases.save_edit(before, case, actor=engineer)
    cases.answer(case, "Çukur onarıldı.", actor=engineer)
    cases.set_status(case, Case.Status.CLOSED, actor=clerk)
    history = [(event.action, event.actor, event.changes) for event in case.events.order_by("at", "pk")][2:]
    assert history == [
        ("routed", clerk, {"directorate": ["Fen İşleri Müdürlüğü", "Veteriner İşleri Müdürlüğü"]}),
        ("routed", clerk, {"directorate": ["Veteriner İşleri Müdürlüğü", "Fen İşleri Müdürlüğü"]}),
        ("status", engineer, {"status": ["Yönlendirildi", "İşlemde"]}),
        ("note", engineer, {}),
        ("changed", engineer, {"address": ["", "Alemdağ Caddesi 12"]}),
        ("answered", engineer, {"status": ["İşlemde", "Yanıtlandı"]}),
        ("status", clerk, {"status": ["Yanıtlandı", "Kapandı"]}),
    ]
    # The citizen's history shows the steps but neither the note nor who did what.
    public = [text for _at, text in cases.public_history(case)]
    assert public == [
        "Alındı",
        "Fen İşleri Müdürlüğü birimine iletildi",
        "Veteriner İşleri Müdürlüğü birimine iletildi",
        "Fen İşleri Müdürlüğü birimine iletildi",
        "İşlemde",
        "Yanıtlandı",
        "Kapandı",
    ]


def test_the_workflow_refuses_impossible_moves(make_case):
    case = make_case()
    cases.answer(case, "Yanıt")
    cases.set_status(case, Case.Status.CLOSED)
    with pytest.raises(ValidationError, match="Kapandı"):
        cases.set_status(case, Case.Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        cases.answer(make_case(), "   ")


def test_a_duplicate_points_at_its_original(make_case):
    original, copy = make_case(), make_case()
    with pytest.raises(ValidationError):
        cases.set_status(copy, Case.Status.DUPLICATE)
    cases.set_status(copy, Case.Status.DUPLICATE, duplicate_of=original)
    assert Case.objects.get(pk=copy.pk).duplicate_of == original


def test_the_answer_reaches_the_citizen(make_case, sms_outbox, django_capture_on_commit_callbacks):
    case = make_case(reply_by=Case.ReplyBy.SMS)
    mail.outbox.clear()
    sms_outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(case, "Çukur 3 gün içinde onarılacak.")
    assert "Çukur 3 gün içinde onarılacak." in mail.outbox[0].body
    assert case.display_number in sms_outbox[0].text


def test_a_failed_notification_is_kept_retried_and_finally_sent(make_case, sms_outbox, settings):
    from complaints.sms import LocmemBackend

    LocmemBackend.failures_left = 2
    case = make_case(email="")
    notification = case.notifications.get()
    assert notification.status == Notification.Status.RETRYING
    assert notification.attempts == 1 and "SmsError" in notification.last_error
    assert not sms_outbox
    # Not yet due: nothing is tried.
    assert notifications.retry_due(now=timezone.now()) == 0
    later = notification.next_attempt_at + datetime.timedelta(seconds=1)
    assert notifications.retry_due(now=later) == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.RETRYING, 2)
    notifications.retry_due(now=notification.next_attempt_at)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 3)
    assert [sent.to for sent in sms_outbox] == ["+905321234567"]


def test_a_notification_that_keeps_failing_is_marked_failed_not_lost(make_case, settings):
    from complaints.sms import LocmemBackend

    settings.COMPLAINTS_NOTIFICATION_RETRIES = [60]
    LocmemBackend.failures_left = 5
    notification = make_case(email="").notifications.get()
    notifications.retry_due(now=notification.next_attempt_at)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.next_attempt_at) == (
        Notification.Status.FAILED,
        2,
        None,
    )
    LocmemBackend.failures_left = 0
    assert notifications.retry_now(notification) == Notification.Status.SENT


def test_a_failing_mail_server_is_retried(make_case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens there
    notification = make_case(phone="").notifications.get()
    assert notification.status == Notification.Status.RETRYING
    assert notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notifications.retry_due(now=notification.next_attempt_at)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert mail.outbox[-1].to == ["ayse@example.org"]


def test_nothing_is_stored_when_filing_fails(make_case, tmp_path):
    from complaints.photos import CleanPhoto

    photo = CleanPhoto(content=b"\xff\xd8\xff\xd9", extension="jpg", content_type="image/jpeg", width=1, height=1)
    before = Case.objects.count()
    with pytest.raises(TypeError):
        make_case(photos=[photo], no_such_field=1)
    assert Case.objects.count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tracking_numbers_stay_unique_under_concurrent_submissions(monkeypatch):
    # Every submission's first draw is the same number, so nineteen of twenty collide on the
    # unique index while the first is still uncommitted, and must draw again.
    draws, lock = itertools.chain([0] * 20, itertools.count(1)), threading.Lock()

    def draw(_limit):
        with lock:
            return next(draws)

    monkeypatch.setattr(tracking.secrets, "randbelow", draw)
    start, errors, numbers = threading.Barrier(20), [], []

    def submit(index):
        try:
            start.wait()
            case = cases.file_case(
                channel=Channel.SUGGESTION_BOX, description=f"Eşzamanlı başvuru {index}", notify=False
            )
            numbers.append(case.tracking_number)
        except Exception as error:  # collected, then asserted empty
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(set(numbers)) == 20 == Case.objects.filter(description__startswith="Eşzamanlı").count()
    assert all(tracking.parse(number) == number for number in numbers)


def test_answered_and_routed_come_only_from_their_own_actions(make_case):
    case = make_case()
    for status in (Case.Status.ANSWERED, Case.Status.ROUTED):
        with pytest.raises(ValidationError):
            cases.set_status(case, status)


def test_reopening_withdraws_the_answer_from_the_citizens_view(make_case):
    case = make_case()
    cases.answer(case, "İlk yanıt")
    cases.set_status(case, Case.Status.IN_PROGRESS)
    case.refresh_from_db()
    assert (case.public_answer, case.answered_at) == ("", None)
    assert case.events.filter(action="answered", message="İlk yanıt").exists()


def test_a_retry_that_is_not_due_is_left_alone(make_case, sms_outbox):
    from complaints.sms import LocmemBackend

    LocmemBackend.failures_left = 1
    notification = make_case(email="").notifications.get()
    assert notifications.deliver(notification.pk) == Notification.Status.RETRYING
    notification.refresh_from_db()
    assert notification.attempts == 1 and not sms_outbox


def test_plain_text_messages_are_not_html_escaped(make_case, django_capture_on_commit_callbacks):
    case = make_case(name="Ali O'Neil & Ailesi")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(case, "Ümraniye'de <park> & bahçe işleri tamamlandı.")
    assert "Ümraniye'de <park> & bahçe" in mail.outbox[0].body
    assert "Ali O'Neil & Ailesi" in mail.outbox[0].body
