"""Every e-mail the portal sends waits in the outbox until it is delivered: a failing mail server delays, never loses."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox import mail as outbox
from outbox.models import Message
from tests.accounts.test_signup_and_login import SIGNUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """Django's real SMTP backend, pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1


def mail_server_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_failing_mail_server_leaves_the_email_waiting_with_its_error_and_a_retry_sends_it_once(
    mail_server_down, settings
):
    outbox.send_email("Etkinlik hatırlatması", "Yarın 10:00'da görüşmek üzere.", ["ayse@example.org"], language="tr")
    message = Message.objects.get()
    assert (message.status, message.attempts) == (Message.Status.RETRYING, 1)
    assert "ConnectionRefusedError" in message.last_error
    assert 59 <= (message.next_attempt_at - message.created_at).total_seconds() <= 61
    assert message.sent_at is None and not mail.outbox
    # Not due yet: the next attempt waits for the register's first pause.
    assert outbox.retry_due(now=timezone.now()) == 0

    mail_server_back(settings)
    assert outbox.retry_due(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Message.Status.SENT, 2, message.last_error)
    assert message.sent_at is not None and message.next_attempt_at is None
    assert [(sent.to, sent.subject) for sent in mail.outbox] == [(["ayse@example.org"], "Etkinlik hatırlatması")]

    # Nothing sends it a second time: the round, a late task, staff's button.
    assert outbox.retry_due(now=message.next_attempt_at or timezone.now() + datetime.timedelta(days=1)) == 0
    assert outbox.deliver(message.pk) == Message.Status.SENT
    assert outbox.retry_now(message) == Message.Status.SENT
    assert len(mail.outbox) == 1


def test_the_pauses_between_attempts_are_the_registers_and_then_it_gives_up(mail_server_down, settings):
    assert settings.OUTBOX_RETRIES == settings.COMPLAINTS_NOTIFICATION_RETRIES
    settings.OUTBOX_RETRIES = [60, 300]
    outbox.send_email("Konu", "Metin", "ayse@example.org")
    message = Message.objects.get()
    pauses, attempted_at = [], message.created_at
    while message.status == Message.Status.RETRYING:
        pauses.append(round((message.next_attempt_at - attempted_at).total_seconds()))
        attempted_at = message.next_attempt_at
        outbox.retry_due(now=attempted_at)
        message.refresh_from_db()
    assert pauses == [60, 300]
    assert (message.status, message.attempts, message.next_attempt_at) == (Message.Status.FAILED, 3, None)
    assert outbox.retry_due(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_allauths_verification_email_goes_through_the_outbox(client, kvkk_pages, mail_server_down, settings):
    client.post("/accounts/signup/", SIGNUP)
    message = Message.objects.get(recipient=SIGNUP["email"])
    assert message.subject == "[Ümraniye Kent Konseyi] Lütfen e-posta adresinizi doğrulayın"
    assert "/accounts/confirm-email/" in message.body
    assert (message.status, message.language) == (Message.Status.RETRYING, "tr")
    assert not mail.outbox

    mail_server_back(settings)
    outbox.retry_due(now=message.next_attempt_at)
    assert [sent.to for sent in mail.outbox] == [[SIGNUP["email"]]]
    assert mail.outbox[0].subject == message.subject


@pytest.fixture
def given_up(mail_server_down, settings):
    settings.OUTBOX_RETRIES = []
    outbox.send_email("Başvurunuz onaylandı", "Kadın Meclisi'ne hoş geldiniz.", "ayse@example.org")
    mail_server_back(settings)
    return Message.objects.get()


@pytest.fixture
def staff_without_outbox(db):
    editors = Group.objects.create(name="Haber editörleri")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(editors)
    return user


def test_staff_who_run_the_site_see_failed_emails_and_send_them_again(
    client, admin_user, given_up, django_assert_max_num_queries
):
    assert given_up.status == Message.Status.FAILED
    outbox.send_email("Gönderildi", "Teslim edildi.", "mehmet@example.org")  # delivered: not listed
    client.force_login(admin_user)

    dashboard = client.get("/admin/").content.decode()
    assert "1 e-posta teslim edilemedi" in dashboard

    with django_assert_max_num_queries(12):
        listing = client.get("/admin/outbox/").content.decode()
    assert "E-posta kutusu" in listing and "Şimdi yeniden dene" in listing
    assert "ayse@example.org" in listing and "ConnectionRefusedError" in listing
    assert "mehmet@example.org" not in listing

    response = client.post(f"/admin/outbox/{given_up.pk}/retry/", follow=True)
    given_up.refresh_from_db()
    assert given_up.status == Message.Status.SENT
    assert [sent.to for sent in mail.outbox] == [["mehmet@example.org"], ["ayse@example.org"]]
    assert "ayse@example.org adresine gönderildi" in response.content.decode()
    assert "teslim edilemedi" not in client.get("/admin/").content.decode()


def test_other_staff_neither_see_nor_retry_the_outbox(client, given_up, staff_without_outbox):
    client.force_login(staff_without_outbox)
    assert "teslim edilemedi" not in client.get("/admin/").content.decode()
    # Wagtail answers a refusal in its admin by sending the person back to the dashboard.
    for response in (client.get("/admin/outbox/"), client.post(f"/admin/outbox/{given_up.pk}/retry/")):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert "ayse@example.org" not in client.get("/admin/outbox/", follow=True).content.decode()
    given_up.refresh_from_db()
    assert given_up.status == Message.Status.FAILED and not mail.outbox


def test_the_round_is_booked_once_and_sends_what_is_due(settings, mail_server_down):
    from django_tasks_db.models import DBTaskResult

    outbox.send_email("Konu", "Metin", "ayse@example.org")
    message = Message.objects.get()
    mail_server_back(settings)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("retry_outbox", "--schedule")
    call_command("retry_outbox", "--schedule")
    booked = DBTaskResult.objects.filter(task_path="outbox.tasks.retry_round", status="READY")
    assert booked.count() == 1
    assert booked.get().run_after > timezone.now()

    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    call_command("retry_outbox")
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and len(mail.outbox) == 1


def test_sent_emails_are_deleted_after_the_retention_period_and_unsent_ones_are_kept(settings, mail_server_down):
    from operations import retention

    now = timezone.now()
    month_ago = now - datetime.timedelta(days=31)
    retrying = outbox.send_email("Bekliyor", "Metin", "bekleyen@example.org")[0]
    mail_server_back(settings)
    old, recent = outbox.send_email("Eski", "Metin", ["eski@example.org", "yeni@example.org"])
    Message.objects.filter(pk=old.pk).update(sent_at=month_ago, created_at=month_ago)
    Message.objects.filter(pk=retrying.pk).update(created_at=month_ago)

    assert retention.apply(dry_run=True).counts["outbox_messages"] == 1
    report = retention.apply()

    assert report.counts["outbox_messages"] == 1
    assert set(Message.objects.values_list("recipient", flat=True)) == {"bekleyen@example.org", "yeni@example.org"}
