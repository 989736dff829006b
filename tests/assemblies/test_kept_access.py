"""A person's groups and permissions are read once and kept until access changes: every admin page stops asking the
database for them, and no change of groups or permissions waits for the cache to expire."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import SimpleLazyObject

from accounts import roles
from accounts.models import User
from tests.factories import MembershipFactory


def permission_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    tables = ('FROM "auth_permission"', 'FROM "auth_group"', 'FROM "wagtailusers_userprofile"')
    return [query["sql"] for query in queries.captured_queries if any(table in query["sql"] for table in tables)]


@pytest.mark.django_db
def test_a_coordinators_next_page_reads_no_groups_permissions_or_profile(client, assemblies, coordinator):
    client.force_login(coordinator)
    permission_queries(client, "/admin/members/")
    assert permission_queries(client, "/admin/members/") == []
    assert permission_queries(client, "/admin/") == []


@pytest.mark.django_db
def test_joining_a_group_opens_its_pages_at_once_and_leaving_closes_them(client, assemblies, coordinator):
    MembershipFactory(assembly=assemblies["genclik"], full_name="Deniz Ak", state="approved")
    genclik = assemblies["genclik"].coordinator_group.group
    client.force_login(coordinator)
    assert "Deniz Ak" not in client.get("/admin/members/").content.decode()

    coordinator.groups.add(genclik)
    assert "Deniz Ak" in client.get("/admin/members/").content.decode()

    coordinator.groups.remove(genclik)
    assert "Deniz Ak" not in client.get("/admin/members/").content.decode()


@pytest.mark.django_db
def test_a_permission_taken_from_a_group_is_refused_at_the_next_request(
    client, assemblies, coordinator, other_coordinator
):
    group = assemblies["kadin"].coordinator_group.group
    client.force_login(coordinator)
    assert client.get("/admin/members/").status_code == 200
    client.force_login(other_coordinator)
    assert client.get("/admin/members/").status_code == 200

    group.permissions.remove(*Permission.objects.filter(content_type__app_label="assemblies"))

    client.force_login(coordinator)
    assert client.get("/admin/members/").status_code in (302, 403)
    # The other assembly's coordinator keeps theirs: what is kept is kept per person.
    client.force_login(other_coordinator)
    assert client.get("/admin/members/").status_code == 200


@pytest.mark.django_db
def test_kept_permissions_are_djangos_own(assemblies, coordinator):
    roles.held(User.objects.get(pk=coordinator.pk))  # into the cache
    kept = User.objects.get(pk=coordinator.pk)
    read = User.objects.get(pk=coordinator.pk)
    assert kept.get_all_permissions() == ModelBackend().get_all_permissions(read)
    assert "assemblies.view_membership" in kept.get_all_permissions()
    assert roles.group_names(kept) == {assemblies["kadin"].coordinator_group.group.name}


@pytest.mark.django_db
def test_a_request_reads_the_persons_access_once_through_its_lazy_user(assemblies, coordinator):
    lazy = SimpleLazyObject(lambda: User.objects.get(pk=coordinator.pk))  # as request.user is
    first = roles.group_names(lazy)
    # Taken away behind the signals' back and the cache emptied: only a second read would see it.
    User.groups.through.objects.filter(user=coordinator).delete()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert roles.group_names(lazy) == first
    assert queries.captured_queries == []
