"""The centre verifies newly registered firms in the admin: only the İstihdam Merkezi group and administrators."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from employment import access
from tests.employment import employer_records as records
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre_staff(home_page):
    user = UserFactory()
    user.groups.add(access.ensure_centre_group())
    return user


@pytest.fixture
def waiting(home_page):
    return records.firm(name="Bekleyen Gıda Ltd.", tax_number="0010038527", verified=False)


def test_centre_staff_see_the_waiting_firms_and_verify_one(client, centre_staff, waiting):
    records.firm(name="Eski Firma", tax_number="4540536920")
    client.force_login(centre_staff)
    page = client.get(reverse("employment_firms:pending")).content.decode()
    assert "Bekleyen Gıda Ltd." in page and "0010038527" in page and "Onay bekleyen firmalar" in page
    mail.outbox.clear()
    answer = client.post(reverse("employment_firms:verify", args=[waiting.pk]), follow=True)
    assert answer.status_code == 200
    waiting.refresh_from_db()
    assert waiting.verified_by == centre_staff and waiting.verified_at is not None
    assert [message.to for message in mail.outbox] == [[waiting.contact_email]]
    assert "doğrulandı" in answer.content.decode()


def test_the_admin_menu_shows_the_item_to_the_centre_only(client, centre_staff, waiting):
    client.force_login(centre_staff)
    assert reverse("employment_firms:pending") in client.get("/admin/").content.decode()


def test_other_staff_are_refused(client, waiting):
    other = UserFactory()
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other.groups.add(Group.objects.create(name="Başka ekip"))
    client.force_login(other)
    assert reverse("employment_firms:pending") not in client.get("/admin/").content.decode()
    # Wagtail turns the refusal into a redirect to the dashboard with its "no permission" message.
    assert client.get(reverse("employment_firms:pending")).status_code in (302, 403)
    assert client.post(reverse("employment_firms:verify", args=[waiting.pk])).status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.verified_at is None


def test_a_firms_own_user_cannot_verify_it(client, waiting):
    client.force_login(waiting.user)
    assert client.post(reverse("employment_firms:verify", args=[waiting.pk])).status_code in (302, 403)
    waiting.refresh_from_db()
    assert waiting.verified_at is None


def test_the_waiting_list_queries_do_not_grow(client, centre_staff, django_assert_max_num_queries):
    for number, vkn in enumerate(["1234567890", "8760049225", "4540536920"]):
        records.firm(name=f"Firma {number}", tax_number=vkn, verified=False)
    client.force_login(centre_staff)
    with django_assert_max_num_queries(25):
        client.get(reverse("employment_firms:pending"))
