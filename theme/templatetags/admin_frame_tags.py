"""The tag of the project's template wagtailadmin/shared/headers/_filters.html, which hands the filter menu over to
Wagtail's own template, kept per process (theme/admin_frame.py)."""

from django import template

from theme import admin_frame

register = template.Library()
register.simple_tag(takes_context=True, name="filters_menu")(admin_frame.filters_menu)
