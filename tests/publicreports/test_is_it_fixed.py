""" "Is it fixed?": the link in the answer's e-mail and SMS, without login; yes closes with a rating, no reopens the
case to the same directorate, counted; one answer per answering."""

import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from complaints import cases, feedback, statistics
from complaints.models import Case, CaseEvent, Notification

pytestmark = pytest.mark.django_db


def link_in(text):
    found = re.search(r"https?://[^\s]+(/(?:en/)?bildirimler/cozuldu-mu/[^\s/]+/)", text)
    return found.group(1) if found else None


@pytest.fixture
def answered(make_case, works, django_capture_on_commit_callbacks):
    case = make_case(public_consent=True, directorate=works, reply_by=Case.ReplyBy.SMS)
    assert case.status == Case.Status.ROUTED and case.directorate == works
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(case, "Çukur 3 Aralık'ta asfaltlandı.")
    return case


def test_the_answer_carries_the_link_by_email_and_sms(answered, sms_outbox):
    email = Notification.objects.get(case=answered, medium="email", body__contains="asfaltlandı")
    sms = Notification.objects.get(case=answered, medium="sms", body__contains="cozuldu-mu")
    assert link_in(email.body) and link_in(email.body) == link_in(sms.body)
    assert "Sorun çözüldü mü?" in email.body
    # The link names neither the tracking number nor its security code.
    token = link_in(email.body).rstrip("/").rsplit("/", 1)[1]
    assert answered.tracking_number not in token and answered.security_code.replace(" ", "") not in token


def test_yes_closes_the_case_with_the_rating(client, home_page, answered):
    link = link_in(Notification.objects.get(case=answered, medium="email", body__contains="asfaltlandı").body)
    page = client.get(link)
    assert page.status_code == 200 and "Sorun çözüldü mü?" in page.content.decode()
    assert page["Cache-Control"].startswith("private") or "no-store" in page["Cache-Control"]
    response = client.post(link, {"fixed": "yes", "satisfaction": "4"}, follow=True)
    assert "puanınız kaydedildi" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == Case.Status.CLOSED and answered.satisfaction == 4
    confirmed = answered.events.get(action=CaseEvent.Action.CONFIRMED)
    assert confirmed.public and confirmed.actor is None
    public = client.get(f"/bildirimler/{answered.pk}/").content.decode()
    assert confirmed.get_action_display() in public


def test_yes_without_a_rating_asks_for_it(client, home_page, answered):
    link = link_in(Notification.objects.get(case=answered, medium="email", body__contains="asfaltlandı").body)
    response = client.post(link, {"fixed": "yes"})
    assert response.status_code == 200 and "1 ile 5" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == Case.Status.ANSWERED and answered.satisfaction is None


def test_no_reopens_to_the_same_directorate_counted_and_told(
    client, home_page, answered, works, django_capture_on_commit_callbacks
):
    works.email = "fen@umraniye.bel.tr"
    works.save()
    link = link_in(Notification.objects.get(case=answered, medium="email", body__contains="asfaltlandı").body)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"fixed": "no", "note": "Çukur yine açıldı, yağmurdan sonra."}, follow=True)
    assert "yeniden açıldı" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == Case.Status.ROUTED and answered.directorate == works
    assert answered.reopen_count == 1 and answered.public_answer == "" and answered.answered_at is None
    assert answered.due_on >= timezone.localdate()
    reopened = answered.events.get(action=CaseEvent.Action.REOPENED)
    assert reopened.message == "Çukur yine açıldı, yağmurdan sonra." and reopened.public
    # The reopening counts in the directorate's figures (the admin's statistics and the dashboard read the same).
    today = timezone.localdate()
    figures = {row[0]: row for row in statistics.report(today, today).table("answering").rows}
    assert figures[works.name][5] == 1
    told = [message for message in mail.outbox if "fen@umraniye.bel.tr" in message.to]
    assert told and "yeniden açıldı" in told[0].body
    # The public history says it was reopened, never the resident's note.
    public = client.get(f"/bildirimler/{answered.pk}/").content.decode()
    assert reopened.get_action_display() in public and "yağmurdan sonra" not in public


def test_one_answer_per_answering_and_a_new_link_after_the_next_answer(
    client, home_page, answered, django_capture_on_commit_callbacks
):
    first = link_in(Notification.objects.get(case=answered, medium="email", body__contains="asfaltlandı").body)
    client.post(first, {"fixed": "no", "note": ""})
    again = client.post(first, {"fixed": "yes", "satisfaction": "5"})
    answered.refresh_from_db()
    assert answered.status == Case.Status.ROUTED and answered.reopen_count == 1 and answered.satisfaction is None
    assert again.status_code == 200 and "yeniden açıldı" in again.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(answered, "Çukur bu kez kalıcı olarak onarıldı.")
    second = link_in(Notification.objects.get(case=answered, medium="email", body__contains="kalıcı").body)
    assert second and second != first
    assert "daha önce kullanıldı" in client.get(first).content.decode()
    client.post(second, {"fixed": "yes", "satisfaction": "5"})
    answered.refresh_from_db()
    assert answered.status == Case.Status.CLOSED and answered.satisfaction == 5 and answered.reopen_count == 1


def test_a_forged_or_expired_link_is_refused(client, home_page, answered, settings):
    assert client.get("/bildirimler/cozuldu-mu/abc:def:ghi/").status_code == 404
    genuine = feedback.token(answered)
    forged = signing.TimestampSigner(salt="something.else").sign(genuine.rsplit(":", 2)[0])
    assert client.get(f"/bildirimler/cozuldu-mu/{forged}/").status_code == 404
    token = feedback.token(answered)
    settings.COMPLAINTS_FEEDBACK_DAYS = 0
    response = client.get(f"/bildirimler/cozuldu-mu/{token}/")
    assert "çok eski" in response.content.decode()
    client.post(f"/bildirimler/cozuldu-mu/{token}/", {"fixed": "no"})
    answered.refresh_from_db()
    assert answered.status == Case.Status.ANSWERED


def test_an_anonymous_case_gets_no_link(make_case, django_capture_on_commit_callbacks):
    case = make_case(anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(case, "Yapıldı.")
    assert not Notification.objects.filter(case=case, body__contains="cozuldu-mu").exists()
