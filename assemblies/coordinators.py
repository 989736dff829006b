"""The Wagtail groups that run the assemblies, with the least each one needs.

Each assembly's coordinators edit and publish pages in that assembly's subtree
(in every language), upload pictures and documents, and see and decide that
assembly's memberships. Council administrators see every assembly's members.
"""

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from accounts import roles
from assemblies.models import AssemblyPage, CoordinatorGroup
from theme import chrome

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MEMBERSHIP_PERMISSIONS = ["view_membership", "change_membership", "add_membership"]
COUNCIL_ADMINISTRATORS = "Kent Konseyi Yöneticileri"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_coordinator_group(assembly):
    """The coordinator group of `assembly` (in its default language), created or completed; idempotent."""
    assembly = assembly.canonical
    coordination = CoordinatorGroup.objects.filter(assembly=assembly).select_related("group").first()
    if coordination is None:
        group, _ = Group.objects.get_or_create(name=f"{assembly.title} Koordinatörleri")
        coordination = CoordinatorGroup.objects.create(assembly=assembly, group=group)
    group = coordination.group
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in MEMBERSHIP_PERMISSIONS:
        group.permissions.add(_permission("assemblies", codename))
    page_permissions = [_permission("wagtailcore", codename) for codename in PAGE_PERMISSIONS]
    for page in assembly.get_translations(inclusive=True):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    root_collection = Collection.get_first_root_node()
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )
    return group


@transaction.atomic
def ensure_council_administrators():
    """The group that sees and decides the memberships of every assembly."""
    group, _ = Group.objects.get_or_create(name=COUNCIL_ADMINISTRATORS)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    group.permissions.add(_permission("assemblies", "view_all_memberships"))
    for codename in MEMBERSHIP_PERMISSIONS:
        group.permissions.add(_permission("assemblies", codename))
    return group


def ensure_all():
    groups = [ensure_coordinator_group(page) for page in AssemblyPage.objects.filter(locale=Locale.get_default())]
    return groups, ensure_council_administrators()


def coordinated_assemblies(user):
    """The assemblies whose coordinator groups `user` belongs to, in the tree's order."""
    if not user.is_authenticated:
        return AssemblyPage.objects.none()
    return (
        AssemblyPage.objects.filter(coordinator_group__group__in=user.groups.all())
        .select_related("locale")
        .order_by("path")
    )


def read_coordinated_assemblies(user):
    """coordinated_assembly_list(user) if this request has read it already, else None (and nothing is asked)."""
    return getattr(user, "_coordinated_assembly_list", None)


def coordinated_assembly_list(user):
    """coordinated_assemblies(user) as a list, read once and kept on the user object, which lives for one request:
    the dashboard's panels (assemblies, events, surveys) and its summary each ask. Between requests it is kept
    in the cache, until the person's groups or a coordinator group change (the "access" records version) or a
    page is published, moved or deleted (the frame version)."""
    found = getattr(user, "_coordinated_assembly_list", None)
    if found is None:
        if user.is_authenticated:
            versions = f"{chrome.records_version(roles.ACCESS)}:{chrome.version()}"
            key = f"assemblies:coordinated:{user.pk}:{versions}"
            found = cache.get_or_set(key, lambda: list(coordinated_assemblies(user)), roles.TIMEOUT)
        else:
            found = []
        user._coordinated_assembly_list = found
    return found
