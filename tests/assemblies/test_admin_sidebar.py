"""The admin's sidebar comes from the cache per person (accounts/admin_sidebar.py): always Wagtail's own for them."""

import json
import re

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import GroupPagePermission

from accounts import admin_sidebar
from accounts.models import User

PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def shown(client):
    """The sidebar the page gives, as data."""
    response = client.get("/admin/")
    assert response.status_code == 200
    return json.loads(PROPS.search(response.content.decode()).group(1))


def wagtails(user):
    """The sidebar Wagtail builds for `user` now, from the database."""
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=user.pk)
    with translation.override("tr"):
        html = admin_sidebar._wagtails_sidebar_props({"request": request})
    return json.loads(PROPS.search(html).group(1))


def item_names(props):
    return re.findall(r'"name": "([^"]+)"', json.dumps(props, ensure_ascii=False))


def test_each_coordinator_gets_wagtails_sidebar_for_them_from_the_cache(client, coordinator, other_coordinator):
    client.force_login(coordinator)
    first = shown(client)
    assert shown(client) == first == wagtails(coordinator)

    client.force_login(other_coordinator)
    theirs = shown(client)
    assert theirs == wagtails(other_coordinator)
    # The page explorer starts at each one's own assembly.
    assert theirs != first


def test_a_change_of_groups_or_page_permissions_shows_at_once(client, coordinator, assemblies):
    client.force_login(coordinator)
    before = shown(client)
    assert "members" in item_names(before)

    GroupPagePermission.objects.filter(group=assemblies["kadin"].coordinator_group.group).delete()
    without_pages = shown(client)
    assert without_pages == wagtails(coordinator) != before

    coordinator.groups.set([assemblies["genclik"].coordinator_group.group])
    moved = shown(client)
    assert moved == wagtails(coordinator) != without_pages
    assert "members" in item_names(moved)


def test_a_new_name_shows_at_once(client, coordinator):
    client.force_login(coordinator)
    shown(client)
    User.objects.filter(pk=coordinator.pk).update(first_name="Gülşen")
    assert "Gülşen" in item_names(shown(client))


def test_an_administrators_sidebar_is_wagtails_and_reads_no_permission(admin_client, admin_user):
    """A superuser holds every permission: the key does not read them all (a query on every page)."""
    assert shown(admin_client) == wagtails(admin_user)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get("/admin/members/").status_code == 200
    assert not [query for query in queries.captured_queries if '"auth_permission"' in query["sql"]]


def test_the_assemblies_a_coordinator_runs_are_kept_and_follow_their_groups(client, coordinator, assemblies):
    """The dashboard's assemblies come from the cache between requests (assemblies.coordinators): a move to another
    assembly's group shows on the next page, and a person outside every group is shown none."""
    client.force_login(coordinator)
    assert "Kadın Meclisi" in client.get("/admin/").content.decode()
    coordinator.groups.set([assemblies["genclik"].coordinator_group.group])
    dashboard = client.get("/admin/").content.decode()
    assert "Gençlik Meclisi" in dashboard and "Kadın Meclisi" not in dashboard
