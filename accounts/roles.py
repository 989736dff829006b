"""Which staff groups a person is in and which permissions they hold: read once per person, kept until access changes.

Every admin page asks several menus whether to show themselves (the council's, the employment centre's, the
escort unit's, field visits'...) and Django whether the person holds this or that permission (menus, buttons,
each row's actions). Django's model backend reads the permissions with two queries a request (the person's own,
their groups'), the group names took a third. All three are kept together in the cache per person, under the
"access" records version (theme.chrome.records_version): any change to a group, its permissions, a person's
groups or own permissions bumps it (accounts/apps.py, and the apps whose records decide a menu: assemblies'
coordinator groups, the council's bodies), so every app server reads them again at once. The lifetime bounds
what a change that bypasses those signals (a raw SQL update, a permission deleted by a migration) could leave.

On the user object, which lives for one request, they are read once.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from theme import chrome

# The records version bumped by any change that decides what a person may reach in the admin.
ACCESS = "access"
TIMEOUT = 600
CACHE_ATTRIBUTE = "_accounts_access"


def held(user):
    """{"groups": names, "user": permissions, "group": permissions} of an active, signed-in `user`; permissions
    as Django's backends write them ("app_label.codename")."""
    # getattr, not the instance's __dict__: request.user is a lazy proxy whose own __dict__ never holds it.
    found = getattr(user, CACHE_ATTRIBUTE, None)
    if found is None:
        key = f"accounts:access:{user.pk}:{chrome.records_version(ACCESS)}"
        found = cache.get_or_set(key, lambda: _read(user), TIMEOUT)
        setattr(user, CACHE_ATTRIBUTE, found)
    return found


def _read(user):
    backend = ModelBackend()
    return {
        "groups": frozenset(user.groups.values_list("name", flat=True)),
        "user": _names(backend._get_user_permissions(user)),
        "group": _names(backend._get_group_permissions(user)),
    }


def _names(permissions):
    pairs = permissions.values_list("content_type__app_label", "codename").order_by()
    return frozenset(f"{app_label}.{codename}" for app_label, codename in pairs)


def group_names(user):
    """The names of `user`'s groups, as a frozenset; empty for an anonymous or inactive user."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return held(user)["groups"]


def in_any_group(user, *names):
    """Whether `user` (active) is in one of the groups `names`."""
    return not group_names(user).isdisjoint(names)
