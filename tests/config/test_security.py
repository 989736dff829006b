import pytest
from django.conf import settings


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_public_templates_have_no_inline_script_or_style(client, home_page, news_index, assembly):
    for url in ["/", "/haberler/", "/meclisler/kadin-meclisi/", "/accounts/login/", "/accounts/signup/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and '<script type="text/javascript">' not in html
        assert "<style" not in html
        assert " style=" not in html, url


@pytest.mark.django_db
def test_the_admin_keeps_its_own_policy(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_csrf_and_sessions_are_protected():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_HTTPONLY
