from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value):
    """A count with Turkish grouping ("62.979"), an average with one decimal ("4,2"), a dash for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float):
        return number_format(value, 1)
    return number_format(value, 0, force_grouping=True)
