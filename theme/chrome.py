"""What every page's frame shows (the home page, the main menu, the footer's contact details), kept in the cache.

The frame is the same for every visitor of a site in one language, and it only
changes when a page is published, unpublished, moved, renamed or deleted, when a
view restriction or a site changes, or when the site settings are saved: each of
those bumps a version that is part of the cache key (theme/apps.py), so every app
server sees the change at once. The lifetime only bounds what a change that
bypasses those signals (a raw SQL update) could leave behind.
"""

import pickle
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, Site

VERSION_KEY = "theme:chrome-version"
TIMEOUT = 3600
# What one request has already read from the cache (the version, the private paths): a page asks for them
# several times, and each ask was a round trip to Redis. None outside a request: a task worker or a command
# runs for hours and must see every bump.
_request_memo: ContextVar[dict | None] = ContextVar("theme_chrome_request_memo", default=None)
# The site of each host and port this process has served, with the version it was read at: {(host, port):
# (version, pickled Site)}. Bounded, since the Host header is the client's to choose.
_sites = {}
MAX_SITES = 32


@dataclass
class Chrome:
    home: Page | None = None
    # The home page of each language: {language_code: page}.
    homes: dict = field(default_factory=dict)
    menu: list = field(default_factory=list)
    settings: object = None


def start_request(**kwargs):
    """request_started: a fresh memo for this request."""
    _request_memo.set({})


def end_request(**kwargs):
    """request_finished: back to asking the cache every time."""
    _request_memo.set(None)


def _remembered(name, compute):
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def _increment(key):
    """The next version under `key`: one more, or a new epoch when the cache has none (restarted empty)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _new_epoch(), None)


def bump_version(**kwargs):
    """Forget every cached frame: something it shows may have changed."""
    _increment(VERSION_KEY)
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


def _new_epoch():
    """A first version that no earlier one can equal: after Redis restarts empty, no process's copy of a site (nor a
    cached listing) read at an old version can pass for current."""
    return time.time_ns()


def version():
    """The version of what every page's frame and the listings in it show; bumped by `bump_version`."""
    return _remembered(VERSION_KEY, lambda: cache.get_or_set(VERSION_KEY, _new_epoch, None))


def _records_key(kind):
    return f"theme:records-version:{kind}"


def records_version(kind):
    """The version of records that pages list without being pages themselves (the council's bodies, meetings and
    opinions, kind "council"), for their cached HTML; bumped by `bump_records(kind)` from their app's signals."""
    key = _records_key(kind)
    return _remembered(key, lambda: cache.get_or_set(key, _new_epoch, None))


def read_versions(*kinds):
    """Read the frame version and the records versions of `kinds` in one round trip, for the rest of this request
    (a busy view that asks for three of them paid three round trips). Those the cache does not hold yet are set
    when first asked for. Nothing outside a request, which asks the cache every time."""
    memo = _request_memo.get()
    if memo is None:
        return
    keys = [key for key in (VERSION_KEY, *map(_records_key, kinds)) if key not in memo]
    if keys:
        memo.update(cache.get_many(keys))


def bump_records(kind):
    """Forget the cached HTML listing records of this kind: at once, and again once the change commits, so that no
    request that read the records before the commit can keep their old state under the new version."""

    def bump():
        key = _records_key(kind)
        _increment(key)
        memo = _request_memo.get()
        if memo is not None:
            memo.pop(key, None)

    bump()
    transaction.on_commit(bump)


def keep_records_version(kind, *models):
    """From an app's ready(): bump the records version `kind` whenever one of `models` is saved or deleted. Returns
    the receiver, for the m2m_changed signals that name the same records."""
    from django.db.models.signals import post_delete, post_save

    def changed(**kwargs):
        bump_records(kind)

    for model in models:
        label = model._meta.label
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"records-{kind}-saved-{label}")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"records-{kind}-deleted-{label}")
    return changed


# Lists of what comes next (events) drop what has begun within this many seconds.
UPCOMING_PERIOD = 300


def listings_key(request, period=None):
    """What a page's listings (news, events, assemblies) show besides the page itself, for their cached HTML.

    The same for every visitor: they change when a page is published, moved or restricted (the version), with
    the host (absolute links) and, for lists of what comes next, with the time (`period` seconds a step).
    """
    key = (version(), request.get_host())
    return (*key, int(time.time() // period)) if period else key


def find_site_for_request(request):
    """Site.find_for_request, in place of Wagtail's (theme/apps.py): the same answer, kept on the request as Wagtail
    keeps it, but from this process's copy instead of a query on every request."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _site_for_request(request)
    return request._wagtail_site


def _site_for_request(request):
    """Wagtail's site for this request (Site._find_for_request's rules), read from the database once per version.

    A site changes only with the version (a Site's save or delete bumps it). Each request gets its own copy,
    unpickled, so nothing one request caches on the site or its root page (`specific`, a parent) reaches another.
    Asked for only when something needs the site: /health/ and /metrics/ never are.
    """
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    current = version()
    known = _sites.get(key)
    if known is not None and known[0] == current:
        return pickle.loads(known[1])
    site = Site._find_for_request(request)
    if len(_sites) >= MAX_SITES:
        _sites.clear()
    _sites[key] = (current, pickle.dumps(site))
    return site


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

    return _remembered(
        "private-paths",
        lambda: cache.get_or_set(
            f"theme:private-paths:{version()}",
            lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
            TIMEOUT,
        ),
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
