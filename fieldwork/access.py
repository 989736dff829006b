"""Who does what in the field team.

- Field officers (group "Saha Ekibi") record visits and the requests raised on them, on their phone at /saha/,
  and turn a request into a case. The unit works as a team: every officer reads every visit, plan and
  representation, but changes only the visits they recorded themselves.
- Supervisors (group "Saha Ekibi sorumluları", permission `fieldwork.supervise_visits`) plan the rounds by
  mahalle and street, record representation at events, and change any visit.
- Everyone else (a coordinator, the call centre, a citizen) sees none of it: 404 on the phone pages, 403 in the
  admin. The cases a request became are the register's, seen there by whoever sees cases.
"""

from django.contrib.auth.models import Group, Permission

from accounts import roles

OFFICERS = "Saha Ekibi"
SUPERVISORS = "Saha Ekibi sorumluları"
READ = [("fieldwork", f"view_{model}") for model in ("visitplan", "visit", "representation", "fieldrequest")]
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *READ,
    ("fieldwork", "add_visit"),
    ("fieldwork", "change_visit"),
    ("fieldwork", "add_fieldrequest"),
]
SUPERVISOR_PERMISSIONS = [
    *OFFICER_PERMISSIONS,
    ("fieldwork", "supervise_visits"),
    *[
        ("fieldwork", f"{action}_{model}")
        for model in ("visitplan", "plannedstop", "representation", "fieldrequest")
        for action in ("add", "change", "delete")
    ],
    ("fieldwork", "delete_visit"),
]


def _grant(group, permissions):
    wanted = {(app, codename) for app, codename in permissions}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}, codename__in={c for _, c in wanted}
    ).select_related("content_type")
    group.permissions.add(*[p for p in found if (p.content_type.app_label, p.codename) in wanted])
    return group


def ensure_groups():
    """Both groups with their permissions; idempotent."""
    officers = _grant(Group.objects.get_or_create(name=OFFICERS)[0], OFFICER_PERMISSIONS)
    supervisors = _grant(Group.objects.get_or_create(name=SUPERVISORS)[0], SUPERVISOR_PERMISSIONS)
    return officers, supervisors


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the groups (this app's signal may come before wagtailadmin's permissions exist)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailadmin", "fieldwork"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_groups()


def _active(user):
    return user.is_authenticated and user.is_active


def in_team(user):
    """Whether `user` reads the team's visits, plans and representations: an officer, a supervisor, an admin."""
    if not _active(user):
        return False
    return user.is_superuser or roles.in_any_group(user, OFFICERS, SUPERVISORS)


def is_supervisor(user):
    return _active(user) and in_team(user) and user.has_perm("fieldwork.supervise_visits")


def may_change(user, visit):
    """The officer who recorded the visit, or a supervisor."""
    return in_team(user) and (visit.recorded_by_id == user.pk or is_supervisor(user))


def may_record(user):
    return in_team(user) and user.has_perm("fieldwork.add_visit")


def may_open_case(user, request):
    """Who recorded the visit (or took the request at an event), or a supervisor."""
    if not in_team(user):
        return False
    if request.visit_id:
        return may_change(user, request.visit)
    return request.created_by_id == user.pk or is_supervisor(user)


def name_of(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.email
