"""Snippet views keep to the same scope as the bulk actions (theme.admin_scope.ScopedViewSetMixin).

A permission says what kind of record a role may handle; the scope says which ones. A directorate
given the outbox's view permission (to follow its own answers' e-mails) sees its own cases'
notifications, not the citizens' addresses of every other directorate's cases.
"""

import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def vet_reads_the_outbox(world):
    staff = world["roles"]["vet_staff"]
    group = staff.groups.get()
    group.permissions.add(Permission.objects.get(content_type__app_label="complaints", codename="view_notification"))
    return staff


@pytest.mark.django_db
def test_a_directorate_lists_only_its_own_cases_notifications(client, world, vet_reads_the_outbox):
    client.force_login(vet_reads_the_outbox)
    listing = client.get("/admin/snippets/complaints/notification/")
    assert listing.status_code == 200
    shown = {notification.pk for notification in listing.context["object_list"]}
    assert world["vet_notification"].pk in shown
    assert world["works_notification"].pk not in shown
    export = client.get("/admin/snippets/complaints/notification/?export=csv")
    assert "asfalt@example.org" not in b"".join(export.streaming_content).decode()


@pytest.mark.django_db
def test_another_directorates_notification_is_not_found(client, world, vet_reads_the_outbox):
    client.force_login(vet_reads_the_outbox)
    own = client.get(f"/admin/snippets/complaints/notification/inspect/{world['vet_notification'].pk}/")
    assert own.status_code == 200
    other = client.get(f"/admin/snippets/complaints/notification/inspect/{world['works_notification'].pk}/")
    assert other.status_code == 404
    assert "asfalt@example.org" not in other.content.decode()
