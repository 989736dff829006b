"""The Wagtail groups that work the register, each with the least it needs.

The call centre (Çözüm Merkezi) registers, routes and answers every case. Each
directorate's staff group sees and answers only the cases routed to it: the
permissions are the same model permissions, the queryset (`Case.objects.visible_to`)
draws the line.
"""

from django.contrib.auth.models import Group, Permission

CALL_CENTRE = "Çözüm Merkezi"
CALL_CENTRE_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("complaints", "add_case"),
    ("complaints", "change_case"),
    ("complaints", "view_case"),
    ("complaints", "view_all_cases"),
    ("complaints", "view_notification"),
    ("complaints", "retry_notification"),
    ("complaints", "view_delivery"),
]
DIRECTORATE_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("complaints", "view_case"),
    ("complaints", "change_case"),
]


def _grant(group, permissions):
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def ensure_call_centre_group():
    group, _ = Group.objects.get_or_create(name=CALL_CENTRE)
    _grant(group, CALL_CENTRE_PERMISSIONS)
    return group


def ensure_directorate_group(directorate):
    """The staff group of `directorate`, created or completed; idempotent."""
    group = directorate.group
    if group is None:
        name = f"{directorate.name} Personeli"
        # A group of that name may still serve a renamed directorate: never share it.
        taken = Group.objects.filter(name=name, directorate__isnull=False).exists()
        group, _ = Group.objects.get_or_create(name=f"{name} ({directorate.pk})" if taken else name)
        type(directorate).objects.filter(pk=directorate.pk).update(group=group)
        directorate.group = group
    _grant(group, DIRECTORATE_PERMISSIONS)
    return group


def ensure_groups(app_config=None, using="default", **kwargs):
    """post_migrate: the call-centre group and one group per directorate."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from complaints.models import Directorate

    # This app's signal may come before auth's, which creates the permissions granted here.
    create_permissions(app_config or apps.get_app_config("complaints"), verbosity=0, using=using)
    ensure_call_centre_group()
    for directorate in Directorate.objects.select_related("group"):
        ensure_directorate_group(directorate)
