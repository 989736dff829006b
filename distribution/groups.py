"""The Çözüm Postası group: the outreach post team, who alone (with administrators) see the recipient book and routes.

Coordinators and couriers are both in it; a courier records stops from the route's
phone page, which needs the group and nothing else. Couriers are also in a second
group with no permissions of its own: it only says that their day starts with
their routes, not with the admin's dashboard.
"""

from django.contrib.auth.models import Group, Permission

TEAM = "Çözüm Postası"
COURIERS = "Çözüm Postası kuryeleri"
MODELS = ["recipient", "recipientlist", "publication", "distribution", "route", "stop"]
PERMISSIONS = [("wagtailadmin", "access_admin")] + [
    ("distribution", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
]


def is_member(user):
    """Whether `user` may see Çözüm Postası's pages: the team and administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=TEAM).exists()


def in_team(user):
    """Whether `user` belongs to the team itself (administrators see its pages without being in it)."""
    return user.is_authenticated and user.is_active and user.groups.filter(name=TEAM).exists()


def is_courier(user):
    """Whether `user` walks routes: a team member in the couriers' group."""
    return in_team(user) and user.groups.filter(name=COURIERS).exists()


def ensure_courier_group():
    """The couriers' group; idempotent."""
    return Group.objects.get_or_create(name=COURIERS)[0]


def ensure_group():
    """The team's group with its permissions; idempotent."""
    group, _ = Group.objects.get_or_create(name=TEAM)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the permissions granted here exist first (this app's signal may come before auth's)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    create_permissions(app_config or apps.get_app_config("distribution"), verbosity=0, using=using)
    ensure_group()
    ensure_courier_group()
