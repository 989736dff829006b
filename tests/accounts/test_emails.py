"""allauth's e-mails as a person reads them: the portal's name, one word for password, in their language."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.accounts.test_signup_and_login import SIGNUP

TURKISH_GREETING = "Ümraniye Kent Konseyi portalından merhaba!"
TURKISH_THANKS = "Ümraniye Kent Konseyi portalını kullandığınız için teşekkür ederiz."


def assert_reads_well_in_turkish(message):
    text = message.subject + "\n" + message.body
    assert message.subject.startswith("[Ümraniye Kent Konseyi] ")
    assert message.body.startswith(TURKISH_GREETING)
    assert TURKISH_THANKS in message.body
    assert "testserver" in message.body.split(TURKISH_THANKS)[1]  # the site's address under its name
    # No suffix glued onto an empty or foreign name, and one word for password.
    assert "'ten" not in text and "'i kullandığınız" not in text
    assert "şifre" not in text.lower()
    assert "Hello" not in text and "Thank you" not in text


@pytest.mark.django_db
def test_the_verification_email_names_the_council_in_turkish(client, kvkk_pages):
    client.post("/accounts/signup/", SIGNUP)
    message = mail.outbox[-1]
    assert_reads_well_in_turkish(message)
    assert message.subject == "[Ümraniye Kent Konseyi] Lütfen e-posta adresinizi doğrulayın"
    assert "e-posta adresinizi doğrulamak için şu bağlantıyı açın: http://testserver/accounts/confirm-email/" in (
        message.body
    )


@pytest.mark.django_db
def test_the_verification_page_says_e_postasi(client, kvkk_pages):
    user_email = SIGNUP["email"]
    client.post("/accounts/signup/", SIGNUP)
    response = client.post("/accounts/login/", {"login": user_email, "password": SIGNUP["password1"]}, follow=True)
    html = response.content.decode()
    assert "e-posta'sı" not in html
    assert "şifre" not in html.lower()


@pytest.mark.django_db
def test_the_verification_email_is_in_english_for_the_english_site(client, kvkk_pages, english_home_page):
    client.post("/en/accounts/signup/", SIGNUP)
    message = mail.outbox[-1]
    assert message.body.startswith("Hello from Ümraniye City Council!")
    assert "Thank you for using Ümraniye City Council!" in message.body
    assert "Please Confirm Your Email Address" in message.subject
    assert "/en/accounts/confirm-email/" in message.body


@pytest.mark.django_db
def test_password_reset_email_says_parola(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post("/accounts/password/reset/", {"email": user.email})
    message = mail.outbox[-1]
    assert_reads_well_in_turkish(message)
    assert message.subject == "[Ümraniye Kent Konseyi] Parola sıfırlama"
    assert "Parolanızı sıfırlamak için aşağıdaki bağlantıyı açın." in message.body


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_says_so_in_turkish(client, db):
    client.post("/accounts/password/reset/", {"email": "kimse@example.org"})
    message = mail.outbox[-1]
    assert_reads_well_in_turkish(message)
    assert "kimse@example.org adresiyle bir hesaba ulaşmaya çalıştığı için" in message.body


@pytest.mark.django_db
def test_signing_up_again_with_a_known_address_says_the_account_exists(client, kvkk_pages, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post("/accounts/signup/", {**SIGNUP, "email": user.email})
    message = mail.outbox[-1]
    assert_reads_well_in_turkish(message)
    assert message.subject == "[Ümraniye Kent Konseyi] Bu adresle açılmış bir hesap zaten var"
    assert "parolanızı aşağıdaki bağlantıdan sıfırlayarak" in message.body
