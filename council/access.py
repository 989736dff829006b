"""Who records the council's work: the secretariat on every body, an assembly's coordinators on their assembly's.

Nobody else records meetings, attendance, minutes, opinions' steps or bulletins. The public reads what is
published; everything here is about writing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts import roles
from assemblies.coordinators import coordinated_assemblies

SECRETARIAT = "Kent Konseyi Sekreterliği"
RECORDED_MODELS = ["organisation", "body", "seat", "meeting", "agendaitem", "attendance", "opinion", "opinionstep"]
COORDINATOR_MODELS = ["body", "seat", "meeting", "agendaitem", "attendance", "opinion", "opinionstep", "bulletin"]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group, models):
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    # Every seat names its organisation: whoever keeps seats reads the list of organisations.
    group.permissions.add(_permission("council", "view_organisation"))
    for model in models:
        for action in ("add", "change", "delete", "view"):
            group.permissions.add(_permission("council", f"{action}_{model}"))
    return group


@transaction.atomic
def ensure_secretariat_group():
    """The secretariat's group: every body, seat, meeting and opinion; idempotent."""
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    return _grant(group, RECORDED_MODELS + ["bulletin"])


@transaction.atomic
def grant_coordinators(group):
    """Give an assembly's coordinator group the council models it records on (scoped to its bodies in the admin)."""
    return _grant(group, COORDINATOR_MODELS)


def is_secretariat(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or roles.in_any_group(user, SECRETARIAT)


def recordable_bodies(user):
    """The bodies whose meetings, minutes and opinions `user` may record: all for the secretariat, else their
    assemblies' bodies (the assembly's board and working groups)."""
    from council.models import Body

    if is_secretariat(user):
        return Body.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Body.objects.none()
    return Body.objects.filter(assembly__in=coordinated_assemblies(user))


def records_any_body(user):
    """Whether `user` may record on some body; kept on the user object, which lives for one request (the admin's
    menus ask on every page, some twice)."""
    answer = getattr(user, "_council_records_any_body", None)
    if answer is None:
        answer = recordable_bodies(user).exists()
        user._council_records_any_body = answer
    return answer


def may_record(user, body):
    """Whether `user` may record on `body` (its meetings, attendance, minutes, opinions, steps)."""
    return body is not None and recordable_bodies(user).filter(pk=body.pk).exists()
