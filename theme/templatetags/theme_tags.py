from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
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
    if isinstance(page, Page) and page.pk:
        # A page's translations change only with the frame's version; the same for every visitor.
        key = f"theme:language-links:{':'.join(map(str, chrome.listings_key(request)))}:{page.pk}"
        urls = cache.get(key)
        if urls is None:
            urls = _translation_urls(request, page)
            cache.set(key, urls, chrome.TIMEOUT)
    else:
        urls = {code: translate_url(request.get_full_path(), code) for code, _name in settings.LANGUAGES}
    return [(code, name, urls[code], code == current) for code, name in settings.LANGUAGES if urls.get(code)]


def _translation_urls(request, page):
    """{language code: the address of the page in that language, else that language's home page}."""
    homes = chrome.for_request(request).homes
    if page.depth <= 2 and page.pk in {home.pk for home in homes.values()}:
        translations = dict(homes)
    else:
        translations = {
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    for code, home in homes.items():
        translations.setdefault(code, home)
    return {code: translations[code].get_url(request) for code, _name in settings.LANGUAGES if code in translations}


@register.simple_tag
def frame_version():
    """The frame's version (theme/chrome.py), for the key of what a template keeps in the cache."""
    return chrome.version()


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


# Open Graph names a language with its country.
OG_LOCALES = {"tr": "tr_TR", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def page_meta(context):
    """What search engines and link previews show of the page: title, description, address, picture, locale."""
    request = context["request"]
    page = context.get("page")
    site_name = _("Ümraniye City Council")
    title = description = image_url = ""
    if isinstance(page, Page):
        title = site_name if page.depth <= 2 else (page.seo_title or page.title)
        # The editor's description first, else the page's own first words.
        description = page.search_description or getattr(page, "intro", "") or getattr(page, "summary", "")
        image_id = getattr(page, "image_id", None)
        if image_id:
            # The picture's address, kept: asking Wagtail for a rendition costs two round trips to Redis.
            image_url = cache.get_or_set(
                f"theme:og-image:{image_id}:{request.get_host()}",
                lambda: request.build_absolute_uri(page.image.get_rendition("fill-1200x630").url),
                chrome.TIMEOUT,
            )
    description = " ".join(strip_tags(str(description)).split()) or _(
        "Ümraniye City Council: news and events of the council and its assemblies, membership, surveys, "
        "and the suggestion box for the municipality."
    )
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "title": title or site_name,
        "description": Truncator(description).chars(200),
        "url": request.build_absolute_uri(request.path),
        "image": image_url,
        "locale": OG_LOCALES.get(language, "tr_TR"),
        "alternate_locales": [locale for code, locale in OG_LOCALES.items() if code != language],
    }
