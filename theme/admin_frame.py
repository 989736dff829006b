"""Parts of every admin page that are the same for everyone in one language, built once per process.

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

The listings' filter menu (Wagtail's headers/_filters.html: each filter's label and its field, in a drilldown) is
kept per process in the same way, under everything it shows: the language and, for each field, its name, label,
value, choices, widget and errors. A form with a field whose choices come from the database is drawn by Wagtail
every time (the key would have to read them).

tests/theme/test_admin_frame.py compares all three with Wagtail's own output.
"""

import functools
import hashlib
import re

from django.core.exceptions import ImproperlyConfigured
from django.forms.models import ModelChoiceIterator
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags

from theme import chrome

DIALOG_TEMPLATE = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"
FILTERS_TEMPLATE = "wagtailadmin/shared/headers/_filters.html"
# Filter menus differ by listing, person (their assemblies) and filters chosen: more of them are kept.
MAX_FILTERS_KEPT = 256
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
_filters = {}


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


def filters_menu(context):
    """Wagtail's filter menu (FILTERS_TEMPLATE, which the project's template of that name hands over to), the same
    HTML, drawn once for each way it can look."""
    form = context["filters"].form
    key = _filters_key(form)
    html = _filters.get(key) if key else None
    if html is None:
        html = _wagtails_filters_template().render(context)
        if key:
            _keep(_filters, key, html, MAX_FILTERS_KEPT)
    return mark_safe(html)  # noqa: S308 - Wagtail's template, rendered with autoescaping


@functools.cache
def _wagtails_filters_template():
    """Wagtail's FILTERS_TEMPLATE, behind the project's template of that name."""
    engine = engines["django"].engine
    _ours, ours = engine.find_template(FILTERS_TEMPLATE)
    wagtails, origin = engine.find_template(FILTERS_TEMPLATE, skip=[ours])
    if "wagtail" not in origin.name:
        raise ImproperlyConfigured(f"{FILTERS_TEMPLATE} is overridden twice: {origin.name} would be drawn")
    return wagtails


def _filters_key(form):
    """What the filter menu shows of `form`, as a digest; None when a field's choices come from the database."""
    fields = []
    for field in form:
        choices = getattr(field.field, "choices", None)
        if isinstance(choices, ModelChoiceIterator):
            return None
        fields.append(
            (
                field.name,
                str(field.label),
                field.auto_id,
                repr(field.value()),
                repr([(value, str(label)) for value, label in choices]) if choices is not None else None,
                type(field.field.widget).__qualname__,
                repr(field.field.widget.attrs),
                [str(error) for error in field.errors],
            )
        )
    parts = (get_language(), fields)
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def _keep(kept, key, value, most=MAX_KEPT):
    if len(kept) >= most:
        kept.pop(next(iter(kept)))
    kept[key] = value
