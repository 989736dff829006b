"""Every error a visitor can meet answers in the site's frame and in their language, not Django's bare English."""

import pytest
from django.test import Client, override_settings

from tests.factories import PASSWORD, UserFactory


def assert_site_page(response, status, language, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}"' in html
    assert 'class="brand"' in html  # the site's header, not a bare page
    assert f"<h1>{heading}</h1>" in html
    for bare in ("Forbidden", "Bad Request", "Server Error", "Too Many Requests", "CSRF verification failed"):
        assert bare not in html
    return html


@pytest.mark.django_db
def test_a_missing_page_in_turkish_and_in_english(client, english_home_page):
    html = assert_site_page(client.get("/boyle-bir-sayfa-yok/"), 404, "tr", "Sayfa bulunamadı")
    assert "<title>Sayfa bulunamadı – Ümraniye Kent Konseyi</title>" in html
    assert_site_page(client.get("/en/no-such-page/"), 404, "en", "Page not found")


@pytest.mark.django_db
@pytest.mark.urls("tests.theme.error_urls")
def test_a_forbidden_page_says_why_and_offers_to_sign_in(client, home_page):
    html = assert_site_page(client.get("/yasak/"), 403, "tr", "Bu sayfayı açamazsınız")
    assert 'href="/accounts/login/?next=/yasak/"' in html
    client.force_login(UserFactory())
    html = assert_site_page(client.get("/en/yasak/"), 403, "en", "You may not open this page")
    assert "yours is not one of them" in html


@pytest.mark.django_db
@pytest.mark.urls("tests.theme.error_urls")
def test_a_server_error_in_turkish_and_in_english(client, home_page):
    client.raise_request_exception = False
    html = assert_site_page(client.get("/bozuk/"), 500, "tr", "Bir hata oluştu")
    assert "444 9 822" in html
    assert_site_page(client.get("/en/bozuk/"), 500, "en", "Something went wrong")


@pytest.mark.django_db
def test_a_bad_request_in_the_sites_frame(client, home_page):
    assert_site_page(client.get("/", HTTP_HOST="kötü host"), 400, "tr", "İstek anlaşılamadı")
    assert_site_page(client.get("/en/", HTTP_HOST="kötü host"), 400, "en", "The request could not be understood")


@pytest.mark.django_db
def test_a_stale_form_explains_itself(home_page, english_home_page):
    client = Client(enforce_csrf_checks=True)
    html = assert_site_page(client.post("/accounts/login/", {}), 403, "tr", "Form gönderilemedi")
    assert "sayfayı yenileyin" in html
    assert_site_page(client.post("/en/accounts/login/", {}), 403, "en", "The form could not be sent")


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login": "1/m/ip"})
def test_too_many_attempts_in_turkish_and_in_english(client, home_page, english_home_page):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    html = assert_site_page(
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}), 429, "tr", "Çok fazla deneme"
    )
    assert "birkaç dakika" in html
    assert_site_page(
        client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD}),
        429,
        "en",
        "Too many attempts",
    )


@pytest.mark.django_db
def test_a_wrong_method_is_explained_in_turkish_and_in_english(client, home_page, english_home_page):
    client.force_login(UserFactory())
    response = client.get("/accounts/profile/consents/1/withdraw/")
    html = assert_site_page(response, 405, "tr", "Bu adres böyle açılamaz")
    assert response["Allow"] == "POST"
    assert "text/html" in response["Content-Type"]
    assert_site_page(
        client.get("/en/accounts/profile/consents/1/withdraw/"), 405, "en", "This address cannot be opened this way"
    )
    assert "Method Not Allowed" not in html
