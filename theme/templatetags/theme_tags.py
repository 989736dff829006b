from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from theme import chrome

register = template.Library()


def _site_root(request):
    return chrome.for_request(request).home


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the visitor's language."""
    return _site_root(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main navigation: [(page, aria_current)] for the home page's children marked "show in menus".

    aria_current is "page" on the page itself, "true" on the section it lies in.
    """
    request = context["request"]
    root = _site_root(request)
    if root is None:
        return []
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    for item in chrome.for_request(request).menu:
        if current_path == item.path:
            state = "page"
        elif current_path.startswith(item.path):
            state = "true"
        else:
            state = None
        items.append((item, state))
    return items


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, name, url, is_current)] for the language switcher.

    On a page: its translation where one exists, else the other language's home.
    Elsewhere: the same address in the other language.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        homes = chrome.for_request(request).homes
        if page.depth <= 2 and page.pk in {home.pk for home in homes.values()}:
            translations = dict(homes)
        else:
            translations = {
                p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
            }
        for code, home in homes.items():
            translations.setdefault(code, home)
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            target = translations.get(code)
            url = target.get_url(request) if target else None
        else:
            url = translate_url(request.get_full_path(), code)
        if url:
            links.append((code, name, url, code == current))
    return links


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The ancestors of the current page, from its home page down."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    # Routing (BasePage.route) leaves each page its parent: no query when the chain reaches the home page.
    crumbs, node = [], page
    while node.depth > 2:
        node = getattr(node, "_cached_parent_obj", None)
        if node is None:
            return list(page.get_ancestors().filter(depth__gte=2))
        crumbs.append(node)
    return crumbs[::-1]


@register.simple_tag(takes_context=True)
def footer_settings(context):
    """The site's contact details and social accounts (SiteSettings), from the cached frame."""
    return chrome.for_request(context["request"]).settings
