from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


def _site_root(request):
    if not hasattr(request, "_portal_site_root"):
        site = Site.find_for_request(request)
        request._portal_site_root = site.root_page.localized if site else None
    return request._portal_site_root


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
    for item in root.get_children().live().public().in_menu():
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
        translations = {
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        root = _site_root(request)
        if root is not None:
            for home in root.get_translations(inclusive=True).live().select_related("locale"):
                translations.setdefault(home.locale.language_code, home)
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
    return list(page.get_ancestors().filter(depth__gte=2))
