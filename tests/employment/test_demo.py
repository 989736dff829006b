"""The employment centre's demo content: three logins that work and something on every screen."""

import pytest
from django.urls import reverse

from employment import access, demo
from employment.models import CV, EmploymentConsent, Firm, FirmMember, Placement, Referral, Vacancy
from home.demo_logins import DEMO_PASSWORD
from home.management.commands.load_demo_content import Command

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True  # demo logins get the public password
    command = Command()
    command.logins = True
    demo.load(command.user)
    demo.load(command.user)  # again: nothing doubles
    return command


def sign_in(client, email):
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return response


def test_the_three_logins_sign_in_and_each_sees_their_part(client, home_page, loaded):
    sign_in(client, demo.CENTRE_STAFF[0])
    assert client.get(reverse("employment_figures")).status_code == 200
    client.logout()

    sign_in(client, demo.EMPLOYER[0])
    employer = FirmMember.objects.get(user__email=demo.EMPLOYER[0]).firm
    assert employer.verified and access.may_act_for(FirmMember.objects.get(firm=employer).user, employer)
    assert Referral.objects.visible_to_firm(employer).count() >= 2
    client.logout()

    sign_in(client, demo.SEEKER[0])
    cv = CV.objects.get(user__email=demo.SEEKER[0])
    assert cv.processing_consent_at is not None and cv.occupations.exists() and cv.experience.exists()
    assert set(EmploymentConsent.objects.filter(user=cv.user).values_list("purpose", flat=True)) == {
        "processing",
        "sharing",
    }


def test_every_screen_has_something_to_show(loaded):
    assert Vacancy.objects.public().count() >= 8
    assert Vacancy.objects.public().values("occupation__level").distinct().get()["occupation__level"] == 4
    assert Firm.objects.verified().count() >= 4 and Firm.objects.filter(verified_at=None).count() == 1
    assert CV.objects.searchable().count() >= 12
    assert CV.objects.values("neighbourhood").distinct().count() >= 10
    assert set(Referral.objects.values_list("status", flat=True)) >= {"applied", "asked", "agreed", "declined"}
    assert Placement.objects.count() == 1


def test_the_demo_firms_tax_numbers_pass_their_check_digit():
    # The Revenue Administration's rule worked by hand for 473051288: t = 3 5 0 6 0 5 5 0 9,
    # p = 6 2 0 6 0 8 4 0 9 (the last 18 mod 9 = 0 with t ≠ 0 counts 9), sum 35, check digit (10 − 5) mod 10 = 5.
    assert demo.tax_number("473051288") == "4730512885"
    numbers = [demo.tax_number(nine) for _name, nine, *_rest in demo.FIRMS]
    assert len(set(numbers)) == len(numbers) and all(len(number) == 10 for number in numbers)
