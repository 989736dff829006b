import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from wagtail.models import Page

from accounts.consent import record_consents
from accounts.models import Consent, User
from tests.demo_snapshot import load_demo_content


@pytest.fixture
def demo(db):
    load_demo_content()


def login(client, email):
    client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.django_db
def test_consents_can_be_read_and_exported_but_never_edited(client, demo):
    citizen = User.objects.get(email="vatandas@kentkonseyi.test")
    assert citizen.consents.count() == 2
    assert all(consent.revision_id for consent in citizen.consents.all())
    login(client, "yonetici@kentkonseyi.test")
    listing = client.get("/admin/consents/")
    assert listing.status_code == 200
    assert "Ayşe Yılmaz" in listing.content.decode()
    export = client.get("/admin/consents/?export=csv")
    assert export.status_code == 200
    assert "vatandas@kentkonseyi.test" in b"".join(export.streaming_content).decode()
    consent = citizen.consents.first()
    assert client.get(f"/admin/consents/inspect/{consent.pk}/").status_code == 200
    for url in ["/admin/consents/new/", f"/admin/consents/edit/{consent.pk}/", f"/admin/consents/delete/{consent.pk}/"]:
        assert client.get(url).status_code in (302, 403), url
    assert Consent.objects.filter(pk=consent.pk).exists()


@pytest.mark.django_db
def test_coordinators_do_not_see_the_consent_register(client, demo):
    login(client, "kadin@kentkonseyi.test")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/consents/").status_code in (302, 403)


@pytest.mark.django_db
def test_coordinators_edit_their_own_assembly_and_not_another(client, demo):
    kadin = Page.objects.get(slug="kadin-meclisi")
    genclik = Page.objects.get(slug="genclik-meclisi")
    login(client, "kadin@kentkonseyi.test")
    assert client.get(f"/admin/pages/{kadin.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{genclik.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/home/newspage/{kadin.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/home/newspage/{genclik.pk}/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_coordinator_with_no_admin_access_is_sent_to_log_in(client, demo):
    user = User.objects.get(email="kadin@kentkonseyi.test")
    access = Permission.objects.get(codename="access_admin")
    for group in user.groups.all():
        group.permissions.remove(access)
    login(client, user.email)
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_demo_content_is_idempotent(demo):
    counts = (Page.objects.count(), User.objects.count(), Consent.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (Page.objects.count(), User.objects.count(), Consent.objects.count()) == counts
    assert record_consents  # the demo citizen's consents come from the same function as sign-up's
