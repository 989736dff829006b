"""Signing up, verifying the e-mail and logging in, in a real browser."""

import re

from django.core import mail

from accounts.models import Consent, User

PASSWORD = "Kent-Konseyi-2026!"


def test_signup_verification_email_then_login(demo_site, page):
    page.goto(demo_site.url + "/accounts/signup/")
    page.get_by_label("Ad", exact=True).fill("Fatma")
    page.get_by_label("Soyad").fill("Şahin")
    page.get_by_label("E-posta").fill("fatma@example.org")
    page.get_by_label("Parola", exact=True).fill(PASSWORD)
    page.get_by_label("Parola (tekrar)").fill(PASSWORD)
    page.get_by_label("Aydınlatma metnini okudum").check()
    page.get_by_role("button", name="Kaydol").click()
    page.wait_for_url("**/accounts/confirm-email/")

    user = User.objects.get(email="fatma@example.org")
    assert user.consents.filter(kind=Consent.Kind.EXPLICIT_CONSENT).exists()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(demo_site.url + link)
    page.get_by_role("button", name="Onayla").click()
    # Confirming in the browser that signed up logs the person in.
    page.wait_for_url("**/accounts/profile/")
    with page.expect_navigation():
        page.get_by_role("button", name="Oturumu kapat").click()

    page.goto(demo_site.url + "/accounts/login/")
    page.get_by_label("E-posta").fill("fatma@example.org")
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç", exact=True).click()
    page.wait_for_url("**/accounts/profile/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hesabım"
    assert "fatma@example.org" in page.content()
