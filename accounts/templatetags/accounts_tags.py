from django import template

from accounts.consent import current_texts

register = template.Library()


@register.simple_tag(takes_context=True)
def kvkk_texts(context):
    """The KVKK pages that apply now, in the visitor's language: [(kind, page)]."""
    return current_texts(context["request"])
