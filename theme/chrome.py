"""What every page's frame shows (the home page, the main menu, the footer's contact details), kept in the cache.

The frame is the same for every visitor of a site in one language, and it only
changes when a page is published, unpublished, moved, renamed or deleted, when a
view restriction or a site changes, or when the site settings are saved: each of
those bumps a version that is part of the cache key (theme/apps.py), so every app
server sees the change at once. The lifetime only bounds what a change that
bypasses those signals (a raw SQL update) could leave behind.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page, Site

VERSION_KEY = "theme:chrome-version"
TIMEOUT = 3600


@dataclass
class Chrome:
    home: Page | None = None
    # The home page of each language: {language_code: page}.
    homes: dict = field(default_factory=dict)
    menu: list = field(default_factory=list)
    settings: object = None


def bump_version(**kwargs):
    """Forget every cached frame: something it shows may have changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def version():
    """The version of what every page's frame and the listings in it show; bumped by `bump_version`."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_version()


def language_code(locale_id):
    """The language code of a Locale, from the cache: pages know their locale's id, rarely need the row."""
    from wagtail.models import Locale

    codes = cache.get_or_set(
        f"theme:locales:{version()}", lambda: dict(Locale.all_objects.values_list("pk", "language_code")), TIMEOUT
    )
    return codes.get(locale_id) or Locale.all_objects.get(pk=locale_id).language_code


def private_paths():
    """The tree paths of the pages with a view restriction (their sections are private)."""
    from wagtail.models import PageViewRestriction

    return cache.get_or_set(
        f"theme:private-paths:{version()}",
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
        TIMEOUT,
    )


def for_request(request):
    """The frame of this request's site in the active language (computed once per request)."""
    if not hasattr(request, "_portal_chrome"):
        site = Site.find_for_request(request)
        key = f"theme:chrome:{version()}:{site.pk if site else 0}:{get_language()}"
        chrome = cache.get(key)
        if chrome is None:
            chrome = _build(site)
            cache.set(key, chrome, TIMEOUT)
        request._portal_chrome = chrome
    return request._portal_chrome


def _build(site):
    from theme.models import SiteSettings

    if site is None:
        return Chrome()
    homes = {
        home.locale.language_code: home
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale")
    }
    home = homes.get(get_language()) or site.root_page
    # Plain pages, without the cached parent or site that would make the cached copy heavy.
    for page in homes.values():
        page.__dict__.pop("_cached_parent_obj", None)
    footer = SiteSettings.for_site(site)
    footer._state.fields_cache.clear()
    return Chrome(home=home, homes=homes, menu=list(home.get_children().live().public().in_menu()), settings=footer)
