"""Referrals: only with the candidate's consent to sharing, asked by e-mail and SMS, answered on a link's page
without signing in; an application screened into a referral in one step, or withdrawn with a reason."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from employment import referrals
from employment.models import Referral
from outbox import sms
from tests.employment import centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "outbox.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def staff():
    return centre.centre_staff()


@pytest.fixture
def vacancy():
    return centre.vacancy()


def test_a_referral_asks_the_candidate_by_email_and_sms_and_the_employer_sees_nothing_yet(
    staff, vacancy, sms_outbox, django_capture_on_commit_callbacks
):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak", phone="0532 123 45 67")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        made, refused = referrals.refer(vacancy, [seeker], staff, reasons={seeker.pk: ["Aynı mahalle"]})

    assert refused == []
    [referral] = made
    assert (referral.origin, referral.status, referral.referred_by) == ("centre", "asked", staff)
    assert referral.asked_at is not None and referral.rank_reasons == ["Aynı mahalle"]
    assert not Referral.objects.visible_to_firm(vacancy.firm).exists()
    link = reverse("employment:referral_answer", args=[referral.token])
    [email] = [message for message in mail.outbox if message.to == ["ali.duvar@example.org"]]
    assert "Yıldız Yapı" in email.subject and link in email.body
    [text] = sms_outbox
    assert text.to == "+905321234567" and link in text.text and "Yıldız Yapı" in text.text


def test_a_candidate_without_consent_to_sharing_is_refused(staff, vacancy):
    seeker = centre.cv("Burak Beton", ["7114"], "Sıva", "Atakent", sharing=False)
    withdrawn = centre.cv("Cem Usta", ["7112"], "", "Şerifali")
    withdrawn.user.employment_consents.filter(purpose="sharing").update(withdrawn_at=timezone.now())

    made, refused = referrals.refer(vacancy, [seeker, withdrawn], staff)

    assert made == []
    assert [(cv.full_name, str(why)) for cv, why in refused] == [
        ("Burak Beton", "CV'nin işverenlerle paylaşılmasına açık rıza yok"),
        ("Cem Usta", "CV'nin işverenlerle paylaşılmasına açık rıza yok"),
    ]
    assert not Referral.objects.exists()


def test_the_candidate_agrees_on_the_links_page_without_signing_in(client, staff, vacancy):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    [referral], _ = referrals.refer(vacancy, [seeker], staff)
    url = reverse("employment:referral_answer", args=[referral.token])

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Yıldız Yapı" in text and "Duvar ustası" in text
    assert "Bu işverenle CV'min paylaşılmasını kabul ediyorum" in text
    assert "Kabul etmiyorum" in text

    answered = client.post(url, {"answer": "agree"})

    assert answered.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "agreed" and referral.agreed_at is not None
    assert list(Referral.objects.visible_to_firm(vacancy.firm)) == [referral]
    assert "CV'niz Yıldız Yapı ile paylaşıldı" in answered.content.decode()


def test_the_candidate_declines_and_the_employer_never_sees_the_cv(client, staff, vacancy):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    [referral], _ = referrals.refer(vacancy, [seeker], staff)

    client.post(reverse("employment:referral_answer", args=[referral.token]), {"answer": "decline"})

    referral.refresh_from_db()
    assert referral.status == "declined" and referral.declined_at is not None
    assert not Referral.objects.visible_to_firm(vacancy.firm).exists()
    # A second answer changes nothing.
    again = client.post(reverse("employment:referral_answer", args=[referral.token]), {"answer": "agree"})
    assert again.status_code == 409
    referral.refresh_from_db()
    assert referral.status == "declined"


def test_an_expired_link_says_so_in_turkish_and_cannot_agree(client, staff, vacancy):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    long_ago = timezone.now() - datetime.timedelta(days=referrals.LINK_DAYS, minutes=1)
    [referral], _ = referrals.refer(vacancy, [seeker], staff, now=long_ago)
    url = reverse("employment:referral_answer", args=[referral.token])

    page = client.get(url)
    assert "Bu bağlantının süresi doldu" in page.content.decode()
    assert "Kabul etmiyorum" not in page.content.decode()

    refused = client.post(url, {"answer": "agree"})

    assert refused.status_code == 409
    assert "Bu bağlantının süresi doldu" in refused.content.decode()
    referral.refresh_from_db()
    assert referral.status == "asked"
    assert not Referral.objects.visible_to_firm(vacancy.firm).exists()


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("employment:referral_answer", args=["x" * 32])).status_code == 404


def test_screening_turns_an_application_into_a_referral_in_one_step(client, staff, vacancy):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    application = Referral.objects.create(vacancy=vacancy, cv=seeker, origin="application", status="applied")
    client.force_login(staff)

    client.post(reverse("employment_referrals:screen", args=[application.pk]), {"action": "approve"})

    application.refresh_from_db()
    assert application.status == "agreed" and application.referred_by == staff
    assert list(Referral.objects.visible_to_firm(vacancy.firm)) == [application]


def test_withdrawing_needs_a_reason_and_hides_the_cv_from_the_employer(client, staff, vacancy):
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    referral = Referral.objects.create(
        vacancy=vacancy, cv=seeker, origin="application", status="agreed", agreed_at=timezone.now()
    )
    client.force_login(staff)
    url = reverse("employment_referrals:screen", args=[referral.pk])

    empty = client.post(url, {"action": "withdraw", "reason": " "})
    assert empty.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "agreed"

    client.post(url, {"action": "withdraw", "reason": "İlan kapandı, işveren vazgeçti"})

    referral.refresh_from_db()
    assert referral.status == "withdrawn" and referral.withdrawal_reason == "İlan kapandı, işveren vazgeçti"
    assert not Referral.objects.visible_to_firm(vacancy.firm).exists()


def test_staff_refer_from_the_ranked_candidates_page(client, staff, vacancy, django_assert_max_num_queries):
    chosen = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    centre.cv("Burak Beton", ["7114"], "Sıva", "Atakent", sharing=False)
    for index in range(10):
        centre.cv(f"Aday {index}", ["7112"], "Sıva", "İnkılap")
    client.force_login(staff)
    url = reverse("employment_vacancies:candidates", args=[vacancy.pk])

    # The admin's own chrome (menu, session, user) and the ranking's fixed queries, whatever the candidates.
    with django_assert_max_num_queries(30):
        page = client.get(url)
    text = page.content.decode()
    assert "Aynı meslek (7112 Duvarcılar ve ilgili çalışanlar)" in text
    assert "Paylaşım rızası yok: yönlendirilemez" in text

    client.post(url, {"cv": [chosen.pk]})

    referral = Referral.objects.get()
    assert (referral.cv, referral.status) == (chosen, "asked")
    assert "Aynı mahalle" in referral.rank_reasons
