"""Who works the escort bookings, each with the least they need.

- The unit ("Danışma ve Refakat": its escorts and their lead) keeps the offices and the roster, sees every
  booking, records each visit on the day's phone page (/refakat/gunluk/) and reads the monthly figures.
- The call centre books for callers with the same form in the admin, and sees nothing else of the unit's work.
  Its group belongs to the register (`complaints`, beside this app, so not imported): it is found by its name,
  `ESCORT_CALL_CENTRE_GROUP` (default "Çözüm Merkezi"), and given the booking permission after every migrate.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission

from accounts import roles

UNIT = "Danışma ve Refakat"
DEFAULT_CALL_CENTRE = "Çözüm Merkezi"
MODELS = ["office", "slotcapacity", "rosterexception", "booking"]
UNIT_PERMISSIONS = [("wagtailadmin", "access_admin")] + [
    ("escort", f"{action}_{model}") for model in MODELS for action in ("add", "change", "delete", "view")
]
CALL_CENTRE_PERMISSIONS = [("wagtailadmin", "access_admin"), ("escort", "add_booking")]


def call_centre_name():
    return getattr(settings, "ESCORT_CALL_CENTRE_GROUP", DEFAULT_CALL_CENTRE)


def _grant(group, permissions):
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def ensure_unit_group():
    """The unit's group with its permissions; idempotent."""
    return _grant(Group.objects.get_or_create(name=UNIT)[0], UNIT_PERMISSIONS)


def ensure_call_centre():
    """The call centre's group (created if the register has not yet) given the booking permission; idempotent."""
    return _grant(Group.objects.get_or_create(name=call_centre_name())[0], CALL_CENTRE_PERMISSIONS)


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the permissions granted here exist first (this app's signal may come before auth's)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailadmin", "escort"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_unit_group()
    ensure_call_centre()


def _active(user):
    return user.is_authenticated and user.is_active


def is_unit(user):
    """Whether `user` is of the escort unit (or an administrator)."""
    return _active(user) and (user.is_superuser or roles.in_any_group(user, UNIT))


def may_book(user):
    """Whether `user` may book for a caller in the admin: the unit, the call centre, administrators."""
    return _active(user) and (user.is_superuser or user.has_perm("escort.add_booking"))
