"""Template filters that replace Django's `upper` and `capfirst` with language-aware ones.

Listed under TEMPLATES' `builtins`, so they apply to every template, Wagtail's
admin included, without a `{% load %}`.
"""

from django import template
from django.template.defaultfilters import stringfilter

from theme.text import join_present, tr_capfirst, tr_upper

register = template.Library()


@register.filter(is_safe=False)
@stringfilter
def upper(value):
    """Upper-case by the active language (Turkish: i → İ, ı → I)."""
    return tr_upper(value)


@register.filter(is_safe=True)
@stringfilter
def capfirst(value):
    """Capitalise the first letter by the active language."""
    return tr_capfirst(value) if value else value


@register.simple_tag
def present(*values):
    """The values that are there, joined with " · " (never "· ·" around a missing one)."""
    return join_present(*values)
