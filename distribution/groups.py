"""The Çözüm Postası group: the outreach post team, who alone (with administrators) see the recipient book and routes.

Coordinators and couriers are both in it; a courier records stops from the route's
phone page, which needs the group and nothing else.
"""

from django.contrib.auth.models import Group, Permission

TEAM = "Çözüm Postası"
MODELS = ["recipient", "recipientlist", "publication", "distribution", "route", "stop"]
PERMISSIONS = [("wagtailadmin", "access_admin")] + [
    ("distribution", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
]


def is_member(user):
    """Whether `user` may see Çözüm Postası's pages: the team and administrators."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=TEAM).exists()


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
