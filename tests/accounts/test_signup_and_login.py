import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Consent, User
from tests.factories import PASSWORD

SIGNUP = {
    "first_name": "Zeynep",
    "last_name": "Çelik",
    "email": "zeynep@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "kvkk_consent": "on",
}


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_signup_needs_kvkk_consent_and_says_why_in_turkish(client, kvkk_pages):
    response = client.post("/accounts/signup/", {**SIGNUP, "kvkk_consent": ""})
    assert response.status_code == 200
    assert "Hesap oluşturabilmek için onay vermeniz gerekir." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_verification_then_login(client, kvkk_pages):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="zeynep@example.org")
    assert (user.first_name, user.last_name) == ("Zeynep", "Çelik")
    assert not EmailAddress.objects.get(user=user).verified

    # Mandatory verification: no log-in before the e-mail is confirmed.
    response = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) >= 1
    confirm_url = link_in(mail.outbox[-1])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified

    response = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.django_db
def test_signup_records_consent_to_the_live_version_of_each_kvkk_text(client, kvkk_pages):
    notice, consent = kvkk_pages
    client.post("/accounts/signup/", SIGNUP)
    user = User.objects.get(email=SIGNUP["email"])
    consents = {c.kind: c for c in user.consents.all()}
    assert set(consents) == {Consent.Kind.PRIVACY_NOTICE, Consent.Kind.EXPLICIT_CONSENT}
    assert consents[Consent.Kind.PRIVACY_NOTICE].revision_id == notice.live_revision_id
    assert consents[Consent.Kind.EXPLICIT_CONSENT].revision_id == consent.live_revision_id
    assert consents[Consent.Kind.EXPLICIT_CONSENT].document_url == "/acik-riza-metni/"
    assert consents[Consent.Kind.EXPLICIT_CONSENT].version.startswith(str(consent.live_revision_id))


@pytest.mark.django_db
def test_a_new_version_of_the_notice_is_what_later_signups_consent_to(client, kvkk_pages):
    notice, _ = kvkk_pages
    first_revision = notice.live_revision_id
    client.post("/accounts/signup/", SIGNUP)
    notice.title = "KVKK Aydınlatma Metni (güncel)"
    notice.save_revision().publish()
    notice.refresh_from_db()
    client.post("/accounts/signup/", {**SIGNUP, "email": "ikinci@example.org"})
    old = Consent.objects.get(user__email=SIGNUP["email"], kind=Consent.Kind.PRIVACY_NOTICE)
    new = Consent.objects.get(user__email="ikinci@example.org", kind=Consent.Kind.PRIVACY_NOTICE)
    assert old.revision_id == first_revision
    assert new.revision_id == notice.live_revision_id != first_revision


@pytest.mark.django_db
def test_signup_page_links_the_kvkk_texts(client, kvkk_pages):
    html = client.get("/accounts/signup/").content.decode()
    assert 'href="/kvkk-aydinlatma-metni/"' in html
    assert 'href="/acik-riza-metni/"' in html


@pytest.mark.django_db
def test_password_reset_by_email(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    reset_url = link_in(mail.outbox[-1])
    response = client.get(reset_url)
    assert response.status_code == 302
    form_url = response["Location"]
    new_password = "Yeni-Parola-2026!"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.django_db
def test_email_change_takes_effect_after_verifying_the_new_address(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "yeni@example.org"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email != "yeni@example.org"
    confirm_url = link_in(mail.outbox[-1])
    client.post(confirm_url)
    user.refresh_from_db()
    assert user.email == "yeni@example.org"


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "yanlış-parola"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Çok fazla" in response.content.decode()


@pytest.mark.django_db
def test_failed_logins_lock_out_the_guessers_address_not_the_staff_account(client, user):
    from django.test import Client

    user.is_staff = True
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "yanlış-parola"}, REMOTE_ADDR="203.0.113.9")
    guesser = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert "_auth_user_id" not in client.session and "Çok fazla" in guesser.content.decode()
    # The owner, from the office's address, logs in at once.
    owner = Client()
    response = owner.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302 and owner.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client, home_page):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_verification_email_is_in_turkish(client, kvkk_pages):
    client.post("/accounts/signup/", SIGNUP)
    message = mail.outbox[-1]
    assert message.subject.startswith("[Ümraniye Kent Konseyi]")
    assert "E-posta" in message.subject or "e-posta" in message.body.lower()


@pytest.mark.django_db
def test_a_citizen_who_opens_the_admin_is_told_so_not_sent_round_in_circles(client, home_page, user):
    client.force_login(user)
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) == 1 and response.status_code == 200
    assert response.request["PATH_INFO"] == "/accounts/login/"
    assert "Yönetim paneline erişim izniniz yok" in response.content.decode()
