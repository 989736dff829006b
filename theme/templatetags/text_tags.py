"""Language-aware casing in templates: `capfirst` replaces Django's, `tr_upper` stands beside `upper`.

Listed under TEMPLATES' `builtins`, so they apply to every template, Wagtail's
admin included, without a `{% load %}`. Django's `upper` stays as it is: Wagtail
upper-cases machine keys with it (the bulk-action footer's model name), which
Turkish rules would break ("MEMBERSHİP").
"""

from django import template
from django.template.defaultfilters import stringfilter

from theme import text

register = template.Library()


@register.filter(is_safe=False)
@stringfilter
def tr_upper(value):
    """Upper-case by the active language (Turkish: i → İ, ı → I)."""
    return text.tr_upper(value)


@register.filter(is_safe=True)
@stringfilter
def capfirst(value):
    """Capitalise the first letter by the active language."""
    return text.tr_capfirst(value) if value else value


@register.simple_tag
def present(*values):
    """The values that are there, joined with " · " (never "· ·" around a missing one)."""
    return text.join_present(*values)
