"""Çözüm Postası's two groups: the post team, who plan and keep the recipient book, and the couriers, who walk.

The post team ("Çözüm Postası": its coordinators) has every permission on the
recipient book, distributions and routes, and sees every route. A courier
("Çözüm Postası kuryeleri") has the admin's door and nothing else: the routes
given to them, on the phone pages at /cozum-postasi/ and on their admin
dashboard. A courier records a stop only on a route assigned to them, signed
in (see distribution.views.route). Someone who both plans and walks belongs to
the post team only; their routes appear on their dashboard all the same.
"""

from django.contrib.auth.models import Group, Permission

from accounts import roles

TEAM = "Çözüm Postası"
COURIERS = "Çözüm Postası kuryeleri"
MODELS = ["recipient", "recipientlist", "publication", "distribution", "route", "stop"]
PERMISSIONS = [("wagtailadmin", "access_admin")] + [
    ("distribution", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
]
COURIER_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _in_group(user, name):
    return roles.in_any_group(user, name)


def is_member(user):
    """Whether `user` is of the post team (or an administrator): plans, prints and records on every route."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _in_group(user, TEAM)


def in_team(user):
    """Whether `user` is one of Çözüm Postası's people, planner or courier (administrators are not)."""
    return roles.in_any_group(user, TEAM, COURIERS)


def is_courier(user):
    """Whether `user` walks routes: in the couriers' group."""
    return _in_group(user, COURIERS)


def may_walk(user, route):
    """Whether `user` may open `route`'s phone page and record its stops: its own courier, or the post team."""
    return is_member(user) or (route.courier_id == user.pk and is_courier(user))


def _grant(group, permissions):
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def ensure_courier_group():
    """The couriers' group with its one permission; idempotent."""
    return _grant(Group.objects.get_or_create(name=COURIERS)[0], COURIER_PERMISSIONS)


def ensure_group():
    """The post team's group with its permissions; idempotent."""
    return _grant(Group.objects.get_or_create(name=TEAM)[0], PERMISSIONS)


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the permissions granted here exist first (this app's signal may come before auth's)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    create_permissions(app_config or apps.get_app_config("distribution"), verbosity=0, using=using)
    ensure_group()
    ensure_courier_group()
