"""Least privilege: the centre's admin (CVs, vacancies, referrals, placements, their choosers and bulk actions) is
for the İstihdam Merkezi group and administrators only; a citizen or an assembly's coordinator opens none of it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from employment.models import Placement, Referral
from tests.employment import centre
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def employment_admin_urls(args):
    """Every admin URL named after the employment app (its viewsets, choosers and pages), with `args` filled in."""
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}{pattern.name}"
                if "employment" in name and not name.startswith("employment:"):
                    found.append((name, len(pattern.pattern.converters)))

    walk(get_resolver().url_patterns)
    urls = []
    for name, arity in sorted(set(found)):
        try:
            urls.append(reverse(name, args=args[:arity]))
        except Exception:  # noqa: BLE001 - a pattern with a converter of another kind (a slug): skip it
            continue
    return urls


@pytest.fixture
def records():
    staff = centre.centre_staff()
    vacancy = centre.vacancy()
    seeker = centre.cv("Ali Duvar", ["7112"], "Sıva", "Çakmak")
    referral = Referral.objects.create(vacancy=vacancy, cv=seeker, origin="application", status="applied")
    placement = Placement.objects.create(
        cv=seeker, firm=vacancy.firm, started_on=timezone.localdate(), source="phone", recorded_by=staff
    )
    return {"staff": staff, "vacancy": vacancy, "cv": seeker, "referral": referral, "placement": placement}


@pytest.fixture
def outsiders(assembly):
    citizen = UserFactory()
    coordinator = UserFactory()
    coordinator.groups.add(ensure_coordinator_group(assembly))
    # Even someone handed the models' permissions by mistake, outside the centre's group.
    stray = UserFactory()
    stray.user_permissions.add(Permission.objects.get(codename="access_admin"))
    stray.user_permissions.add(*Permission.objects.filter(content_type__app_label="employment"))
    return {"citizen": citizen, "coordinator": coordinator, "stray": stray}


def test_the_centres_admin_pages_are_refused_to_everyone_else(client, records, outsiders):
    urls = employment_admin_urls([records["cv"].pk])
    assert reverse("employment_cvs:inspect", args=[records["cv"].pk]) in urls
    assert reverse("employment_vacancies:candidates", args=[records["cv"].pk]) in urls
    for name, user in outsiders.items():
        client.force_login(user)
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                # 405: a page that only takes a form (a GET is refused before anything is read).
                assert response.status_code in (302, 403, 404, 405), f"{name} {method.__name__} {url}"
                if response.status_code == 302:
                    assert "/admin/" not in response.url or "login" in response.url or response.url == "/admin/", url


def test_the_pages_with_the_records_ids_are_refused_too(client, records, outsiders):
    pages = [
        reverse("employment_cvs:inspect", args=[records["cv"].pk]),
        reverse("employment_vacancies:candidates", args=[records["vacancy"].pk]),
        reverse("employment_referrals:screen", args=[records["referral"].pk]),
        reverse("employment_placements:edit", args=[records["placement"].pk]),
        reverse("employment_placements:add") + f"?cv={records['cv'].pk}",
    ]
    for name, user in outsiders.items():
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code in (302, 403, 404), f"{name} {url}"
            assert "Ali Duvar" not in response.content.decode()
        response = client.post(
            reverse("employment_referrals:screen", args=[records["referral"].pk]), {"action": "approve"}
        )
        assert response.status_code in (302, 403, 404)
    records["referral"].refresh_from_db()
    assert records["referral"].status == "applied"


def test_bulk_actions_and_choosers_show_nothing_of_the_centre(client, records, outsiders):
    ids = f"id={records['cv'].pk}"
    for name, user in outsiders.items():
        client.force_login(user)
        for model in ("cv", "vacancy", "referral", "placement", "firm"):
            for action in ("delete", "publish"):
                response = client.get(f"/admin/bulk/employment/{model}/{action}/?{ids}")
                assert response.status_code in (302, 403, 404), f"{name} {model} {action}"
                assert "Ali Duvar" not in response.content.decode()


def test_the_dashboard_shows_the_centres_work_to_its_staff_only(client, records, outsiders):
    client.force_login(records["staff"])
    page = client.get("/admin/").content.decode()
    assert "Değerlendirilecek başvurular" in page and "Ali Duvar" in page
    for user in outsiders.values():
        client.force_login(user)
        response = client.get("/admin/")
        assert "Ali Duvar" not in response.content.decode()
        assert "Değerlendirilecek başvurular" not in response.content.decode()


def test_staff_open_every_screen(client, records):
    client.force_login(records["staff"])
    for url in [
        reverse("employment_cvs:index"),
        reverse("employment_cvs:inspect", args=[records["cv"].pk]),
        reverse("employment_vacancies:index"),
        reverse("employment_vacancies:candidates", args=[records["vacancy"].pk]),
        reverse("employment_referrals:index"),
        reverse("employment_referrals:screen", args=[records["referral"].pk]),
        reverse("employment_placements:index"),
        reverse("employment_placements:edit", args=[records["placement"].pk]),
        reverse("employment_placements:add") + f"?cv={records['cv'].pk}",
    ]:
        assert client.get(url).status_code == 200, url
