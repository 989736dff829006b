from django import template

from accounts import redirects
from accounts.consent import current_texts, footer_links

register = template.Library()


@register.simple_tag(takes_context=True)
def kvkk_texts(context):
    """The KVKK pages that apply now, in the visitor's language: [(kind, page)]."""
    return current_texts(context["request"])


@register.simple_tag(takes_context=True)
def kvkk_footer_links(context):
    """The KVKK pages for the footer, in the visitor's language: [(address, title)], from the cache."""
    return footer_links(context["request"])


@register.simple_tag(takes_context=True)
def login_reason(context):
    """What the log-in or sign-up page is for, when a page sent the person here (e.g. joining an assembly)."""
    return redirects.reason(context["request"])


@register.simple_tag(takes_context=True)
def kvkk_no_account_links(context, page):
    """On a KVKK text: where people whose data is held without an account exercise their rights: [(label, url)]."""
    from django.urls import reverse

    from accounts.personal_data import no_account_links

    request = context["request"]
    # The footer's KVKK links are cached: no query on every standard page.
    if not page or page.get_url(request) not in {url for url, _title in footer_links(request)}:
        return []
    return [(label, reverse(url_name)) for label, url_name in no_account_links]
