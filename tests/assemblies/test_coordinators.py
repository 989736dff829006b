import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission

from assemblies.coordinators import COUNCIL_ADMINISTRATORS


@pytest.mark.django_db
def test_the_command_creates_one_group_per_assembly_with_rights_on_its_subtree_only(assemblies):
    Group.objects.filter(coordinated_assembly__isnull=False).delete()
    call_command("create_coordinator_groups", stdout=io.StringIO())
    call_command("create_coordinator_groups", stdout=io.StringIO())  # idempotent
    kadin = Group.objects.get(name="Kadın Meclisi Koordinatörleri")
    assert kadin.coordinated_assembly.assembly == assemblies["kadin"]
    pages = set(GroupPagePermission.objects.filter(group=kadin).values_list("page_id", flat=True))
    assert pages == {assemblies["kadin"].pk}
    codenames = set(kadin.permissions.exclude(content_type__app_label="council").values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_membership", "change_membership", "add_membership"}
    # The council app adds what coordinators record for their assembly's bodies (scoped in its admin).
    council_codenames = set(
        kadin.permissions.filter(content_type__app_label="council").values_list("codename", flat=True)
    )
    assert {"add_meeting", "add_opinionstep", "add_bulletin"} <= council_codenames
    assert not {"add_organisation", "delete_organisation"} & council_codenames
    assert Group.objects.filter(name__endswith="Koordinatörleri").count() == 5
    council = Group.objects.get(name=COUNCIL_ADMINISTRATORS)
    assert council.permissions.filter(codename="view_all_memberships").exists()
    assert not council.permissions.filter(codename="delete_membership").exists()
