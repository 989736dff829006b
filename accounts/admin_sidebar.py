"""The admin's sidebar (its menu and account menu), kept in the cache per person instead of built on every page.

Wagtail builds the sidebar on every admin page: each menu item asks whether to show itself (permissions,
coordinated assemblies, council seats, page permissions for the explorer's start page), then the whole is packed
for the browser. A coordinator's dashboard spent about a fifth of its time there. The result is Wagtail's own
`sidebar_props` output, kept under a key made of everything it can depend on:

- the person: id, name, e-mail, superuser flag, the names of their groups and every model permission they hold
  (Django's backends read those for the page anyway, so the key costs no query);
- the "access" records version (theme.chrome.records_version): bumped by any change to a group, its page,
  collection or site permissions, a Wagtail user profile (the avatar), and by the apps whose records decide a menu
  (assemblies' coordinator groups, the council's bodies);
- the frame version (pages published, moved or deleted: the explorer's start page), the language, and the menu
  items this process has registered (a deploy that adds an item changes the key).

The lifetime bounds what a change that bypasses those signals (a raw SQL update) could leave behind.
"""

import hashlib

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.menu import admin_menu
from wagtail.admin.templatetags import wagtailadmin_tags

from accounts.roles import ACCESS, group_names
from theme import chrome

TIMEOUT = 600
_wagtails_sidebar_props = wagtailadmin_tags.sidebar_props
_menu_fingerprint = None


def install():
    """Put `sidebar_props` in place of Wagtail's tag of that name (accounts/apps.py; before any template is read)."""
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)


def sidebar_props(context):
    """Wagtail's `{% sidebar_props %}`: the same HTML, from the cache when this person's menu cannot have changed."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return _wagtails_sidebar_props(context)
    return mark_safe(cache.get_or_set(cache_key(user), lambda: str(_wagtails_sidebar_props(context)), TIMEOUT))


def cache_key(user):
    person = (
        user.is_superuser,
        user.first_name,
        user.get_username(),
        sorted(group_names(user)),
        # A superuser holds every permission: reading them all would only add a query to each page.
        () if user.is_superuser else sorted(user.get_all_permissions()),
    )
    digest = hashlib.blake2b(repr(person).encode(), digest_size=16).hexdigest()
    versions = (chrome.records_version(ACCESS), chrome.version())
    return f"theme:sidebar:{user.pk}:{':'.join(map(str, versions))}:{get_language()}:{menu_fingerprint()}:{digest}"


def menu_fingerprint():
    """The menu items registered in this process (names, addresses, order): the same on every app server of one
    release, different after a deploy that changes the menu."""
    global _menu_fingerprint
    if _menu_fingerprint is None:
        items = [(item.name, item.url, item.order) for item in admin_menu.registered_menu_items]
        _menu_fingerprint = hashlib.blake2b(repr(items).encode(), digest_size=8).hexdigest()
    return _menu_fingerprint
