"""What held in the black-box test and must keep holding: the account pages tell a stranger nothing about
which addresses have accounts, send nobody to another site, and change nothing on a GET."""

import pytest
from allauth.account.models import EmailAddress

from tests.accounts.test_signup_and_login import SIGNUP
from tests.factories import PASSWORD


@pytest.fixture
def known(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user.email


def same(first, second):
    """The two answers a stranger compares: status, where they lead, and the page without its CSRF token."""
    strip = lambda response: response.content.decode().split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    return (first.status_code, first.get("Location"), strip(first)) == (
        second.status_code,
        second.get("Location"),
        strip(second),
    )


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, known):
    assert same(
        client.post("/accounts/password/reset/", {"email": known}),
        client.post("/accounts/password/reset/", {"email": "kimse@example.org"}),
    )


def test_signing_up_answers_the_same_for_a_known_and_a_new_address(client, kvkk_pages, known):
    taken = client.post("/accounts/signup/", {**SIGNUP, "email": known})
    client.logout()
    new = client.post("/accounts/signup/", SIGNUP)
    assert taken.status_code == new.status_code == 302 and taken["Location"] == new["Location"]


def test_a_wrong_password_and_an_unknown_address_get_the_same_login_error(client, known):
    wrong_password = client.post("/accounts/login/", {"login": known, "password": "yanlış-parola"})
    unknown = client.post("/accounts/login/", {"login": "kimse@example.org", "password": "yanlış-parola"})
    assert same(wrong_password, unknown)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "javascript:x"]
)
def test_logging_in_never_leads_to_another_site(client, known, target):
    response = client.post(f"/accounts/login/?next={target}", {"login": known, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"] and not response["Location"].startswith("javascript")


def test_a_get_never_logs_out(client, user):
    client.force_login(user)
    client.get("/accounts/logout/")
    assert client.session["_auth_user_id"] == str(user.pk)
