"""Admin listings drawn faster, to the same HTML: each row's "more" menu rendered once per shape, plain cells
written out.

Wagtail draws each row's menu of actions (edit, inspect, a member's decisions, ...) through a dozen nested
templates: about six milliseconds a row, most of a members list of thirty. Rows whose menus differ only by
their addresses and the name in the toggle's label share one rendering here, those values written in
afterwards, escaped as the templates escape them. A plain cell (Wagtail's tables/cell.html) is a template of
its own for each value; it is written out here while that template is still Wagtail's.
tests/theme/test_admin_listing.py compares both with Wagtail's own HTML.

The whole table is also kept in the cache (`KeptTable`) under a key made of everything it shows: the values of
the rows read for this request (the rows are read every time, so no change to them can go unseen, whatever wrote
it), the person's permissions and the view's own scope, the address (sorting, filters, page, the rows' "next"
links), the language, the day and the frame version (page titles).
"""

import copy
import functools
import hashlib

from django.core.cache import cache
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import ButtonWithDropdown

from theme import chrome

CELL = "wagtailadmin/tables/cell.html"
CELL_SOURCE = '<td {% if column.classname %}class="{{ column.classname }}"{% endif %}>\n    {% if value is not None %}{{ value }}{% endif %}\n</td>\n'


@functools.cache
def cell_is_wagtails():
    """Whether a plain cell's template is still the one `render_cell` writes out."""
    return get_template(CELL).template.source == CELL_SOURCE


def render_cell(column, instance, parent_context):
    """A plain column's cell, as Wagtail's tables/cell.html writes it."""
    value = column.get_cell_context_data(instance, parent_context)["value"]
    css = f'class="{conditional_escape(column.classname)}"' if column.classname else ""
    text = "" if value is None else render_value_in_context(value, Context(autoescape=True))
    return mark_safe(f"<td {css}>\n    {text}\n</td>\n")  # noqa: S308 - the value escaped as the template does


class ReusedDropdown(ButtonWithDropdown):
    """A row's ButtonWithDropdown, rendered from `renderings` ({shape: html}, one per listing) when a row before it
    had the same shape."""

    def __init__(self, dropdown, renderings):
        super().__init__(
            buttons=list(dropdown.dropdown_buttons),
            label=dropdown.label,
            icon_name=dropdown.icon_name,
            classname=dropdown.classname,
            attrs=dropdown.attrs,
            priority=dropdown.priority,
        )
        self.renderings = renderings

    def render_html(self, parent_context=None):
        values = []

        def hold(value):
            values.append(value)
            return f"reused-value-{len(values) - 1}-here"

        buttons = []
        for button in self.dropdown_buttons:
            twin = copy.copy(button)
            if button.url:
                twin.url = hold(button.url)
            buttons.append(twin)
        attrs = dict(self.attrs)
        if attrs.get("aria-label"):
            attrs["aria-label"] = hold(attrs["aria-label"])
        shape = (
            tuple(
                (type(b), str(b.label), b.icon_name, b.classname, b.url, b.priority, tuple(sorted(b.attrs.items())))
                for b in buttons
            ),
            str(self.label),
            self.icon_name,
            self.classname,
            tuple(sorted(attrs.items())),
        )
        html = self.renderings.get(shape)
        if html is None:
            model = ButtonWithDropdown(
                buttons=buttons,
                label=self.label,
                icon_name=self.icon_name,
                classname=self.classname,
                attrs=attrs,
                priority=self.priority,
            )
            html = self.renderings[shape] = str(model.render_html(parent_context))
        for number, value in enumerate(values):
            html = html.replace(f"reused-value-{number}-here", str(conditional_escape(value)))
        return mark_safe(html)  # noqa: S308 - Wagtail's rendering, with values escaped as its templates escape them


# Short: the rows hold personal data, and an entry outlives its last reader by this long.
KEPT_TABLE_TIMEOUT = 300


def row_values(instance, related=None):
    """What a row read from the database holds: its fields, and those of the objects read with it. Those go into
    `related` ({(model, pk): values}) when given, once for the many rows that share them (the members of one
    assembly all read the same assembly page)."""
    values = [(name, value) for name, value in vars(instance).items() if not name.startswith("_")]
    for name, other in sorted(instance._state.fields_cache.items()):
        if other is None:
            values.append((name, None))
        elif related is None:
            values.append((name, row_values(other)))
        else:
            known = (other._meta.label, other.pk)
            if known not in related:
                related[known] = row_values(other, related)
            values.append((name, known))
    return values


class KeptTable:
    """A listing's table (wagtail.admin.ui.tables.Table) drawn from the cache when the same person asked for the
    same rows, unchanged, at the same address."""

    def __init__(self, table, request, scope):
        self.table = table
        self.request = request
        self.scope = scope

    def __getattr__(self, name):
        return getattr(self.table, name)

    def cache_key(self):
        user = self.request.user
        related = {}
        rows = [row_values(instance, related) for instance in self.table.data]
        permissions = () if user.is_superuser else sorted(user.get_all_permissions())  # a superuser holds all
        person = (user.pk, user.is_superuser, permissions, self.scope)
        parts = (
            rows,
            sorted(related.items()),
            person,
            self.request.get_full_path(),
            get_language(),
            timezone.localdate(),
            chrome.version(),
            [column.name for column in self.table.columns.values()],
        )
        return "theme:table:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()

    def render_html(self, parent_context=None):
        html = cache.get_or_set(
            self.cache_key(), lambda: str(self.table.render_html(parent_context)), KEPT_TABLE_TIMEOUT
        )
        return mark_safe(html)  # noqa: S308 - Wagtail's own rendering of these very rows


class FasterListingMixin:
    """For an IndexView: each row's "more" menu from a rendering shared by the rows of the same shape, the plain
    cells written out, and the whole table kept for the same person, rows and address.

    A view whose rows or buttons depend on more than the person's permissions (the assemblies they coordinate)
    names it in `listing_scope`.
    """

    def listing_scope(self):
        return ()

    def get_table(self, object_list):
        return KeptTable(super().get_table(object_list), self.request, self.listing_scope())

    @cached_property
    def columns(self):
        columns = super().columns
        if cell_is_wagtails():
            for column in columns:
                if type(column) is Column:
                    column.render_cell_html = functools.partial(render_cell, column)
        return columns

    def get_list_buttons(self, instance):
        if not hasattr(self, "_dropdown_renderings"):
            self._dropdown_renderings = {}
        return [
            ReusedDropdown(button, self._dropdown_renderings) if type(button) is ButtonWithDropdown else button
            for button in super().get_list_buttons(instance)
        ]
