"""Two parts of every admin page that are the same for everyone in one language, built once per process.

Wagtail builds them on every page: `{% wagtail_config %}`, the settings its scripts read (its addresses, the
content languages, read with a query, and about ninety translated strings), and `{% keyboard_shortcuts_dialog %}`,
the dialog that lists the shortcuts (some forty translated strings through a dozen nested templates). Together
about a fifth of a coordinator's members list. Here each is built by Wagtail's own code the first time, then
reused:

- the settings under the language and the frame version (theme.chrome, bumped when a Locale is saved or deleted),
  with what belongs to the request (the CSRF token, the content language of the page shown, the person's choice
  of keyboard shortcuts) written in on every page;
- the dialog under everything it shows: the language, whether the person turned the shortcuts off, whether the
  browser is Apple's (its key labels) and whether comments are on.

tests/theme/test_admin_frame.py compares both with Wagtail's own output.
"""

import re

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags

from theme import chrome

DIALOG_TEMPLATE = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
# Wagtail's test for the key labels of Apple's keyboards (wagtail.admin.utils.get_keyboard_key_labels_from_request).
APPLE = re.compile(r"Mac|iPod|iPhone|iPad")
# What Wagtail's settings take from the request rather than from the language and the site.
PER_REQUEST = ("CSRF_TOKEN", "ACTIVE_CONTENT_LOCALE", "KEYBOARD_SHORTCUTS_ENABLED")
# Languages times frame versions: a bump leaves the old entries behind, so the oldest go.
MAX_KEPT = 16

_wagtails_config = wagtailadmin_tags.wagtail_config
_wagtails_dialog = wagtailadmin_tags.keyboard_shortcuts_dialog
_configs = {}
_dialogs = {}


def install():
    """Put these in place of Wagtail's tags of the same names (theme/apps.py; before any template is read)."""
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="wagtail_config")(wagtail_config)
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="keyboard_shortcuts_dialog")(
        keyboard_shortcuts_dialog
    )


def shortcuts_enabled(request):
    """The person's choice in their Wagtail profile; on when they have no profile (Wagtail's default)."""
    profile = getattr(getattr(request, "user", None), "wagtail_userprofile", None)
    return True if profile is None else bool(getattr(profile, "keyboard_shortcuts", True))


def wagtail_config(context):
    """Wagtail's `{% wagtail_config %}`: the same settings, the shared part built once per language and frame."""
    request = context["request"]
    key = (get_language(), chrome.version())
    shared = _configs.get(key)
    if shared is None:
        built = _wagtails_config(context)
        shared = {name: value for name, value in built.items() if name not in PER_REQUEST}
        _keep(_configs, key, shared)
    # In Wagtail's order, so that the page is the same to the byte.
    config = {"CSRF_TOKEN": get_token(request), **shared}
    if locale := context.get("locale"):
        config["ACTIVE_CONTENT_LOCALE"] = locale.language_code
    config["KEYBOARD_SHORTCUTS_ENABLED"] = shortcuts_enabled(request)
    return config


def keyboard_shortcuts_dialog(context):
    """Wagtail's `{% keyboard_shortcuts_dialog %}`: the same dialog, rendered once for each way it can look."""
    request = context.get("request")
    apple = bool(request and APPLE.search(request.headers.get("User-Agent", "")))
    key = (get_language(), shortcuts_enabled(request), apple, wagtailadmin_tags.get_comments_enabled())
    html = _dialogs.get(key)
    if html is None:
        html = get_template(DIALOG_TEMPLATE).render(_wagtails_dialog(context))
        _keep(_dialogs, key, html)
    return mark_safe(html)  # noqa: S308 - Wagtail's template, rendered with autoescaping


def _keep(kept, key, value):
    if len(kept) >= MAX_KEPT:
        kept.pop(next(iter(kept)))
    kept[key] = value
