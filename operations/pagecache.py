"""Public pages cached by the proxy in front (nginx) for anonymous visitors, and purged when content changes.

The portal decides what may be cached; nginx keeps it (deploy/nginx/). A page is
cacheable only when it was asked for without any cookie but the CSRF cookie (so
it was rendered for nobody in particular), holds no CSRF token and sets no cookie:
the header, messages and forms of a signed-in visitor are never in a shared copy.
Cacheable answers carry `X-Accel-Expires`, which nginx reads and does not pass on;
browsers are told to revalidate, so a visitor who signs in sees their own header.

nginx keys a copy by host and request URI (the language is in the path: `/en/…`).
Each cacheable URI is written down in the cache (a Redis set shared by every app
server); publishing, unpublishing, moving or deleting a page, or saving a setting
the pages show, purges all of them from every nginx named in PAGE_CACHE["purge_urls"]
once the change commits. A change to an event's registrations purges that event's
own addresses, so the places left are current.
"""

import logging
import urllib.parse

import urllib3
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

REGISTRY_KEY = "pagecache:uris"
CACHEABLE_VIEWS = {"wagtail_serve", "sitemap"}
# Cookies that do not change what an anonymous visitor is shown.
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME}

_pool = urllib3.PoolManager(num_pools=4, maxsize=4, timeout=urllib3.Timeout(connect=1.0, read=2.0), retries=False)


def config():
    return {"ttl": 300, "purge_urls": [], **getattr(settings, "PAGE_CACHE", {})}


def is_cacheable(request, response):
    """True when this answer may be kept in a shared copy and served to any anonymous visitor."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and match is not None
        and match.url_name in CACHEABLE_VIEWS
        and set(request.COOKIES) <= NEUTRAL_COOKIES
        and "Authorization" not in request.headers
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
    )


class PageCacheMiddleware:
    """Marks cacheable answers for nginx and writes down their addresses for purging."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_cacheable(request, response):
            response["X-Accel-Expires"] = str(config()["ttl"])
            response["Cache-Control"] = "no-cache"
            if config()["purge_urls"]:
                remember(request.get_host(), request.get_full_path())
        return response


def _registry():
    """The Redis client behind the default cache, or None when the cache is not Redis."""
    client = getattr(cache, "_cache", None)
    return client.get_client(write=True) if hasattr(client, "get_client") else None


def remember(host, uri):
    registry = _registry()
    if registry is not None:
        registry.sadd(cache.make_key(REGISTRY_KEY), f"{host} {uri}")


def cached_addresses():
    registry = _registry()
    if registry is None:
        return []
    return sorted(member.decode() for member in registry.smembers(cache.make_key(REGISTRY_KEY)))


def purge(addresses):
    """Drop these `host uri` copies from every nginx; returns how many purges found a copy."""
    found = 0
    for base in config()["purge_urls"]:
        for address in addresses:
            host, _, uri = address.partition(" ")
            try:
                answer = _pool.request(
                    "PURGE", f"{base.rstrip('/')}/__purge{uri}", headers={"Host": host}, redirect=False
                )
            except urllib3.exceptions.HTTPError as error:
                logger.warning("Page cache purge of %s at %s failed: %s", uri, base, error)
                continue
            found += answer.status == 200
    registry = _registry()
    if registry is not None and addresses:
        registry.srem(cache.make_key(REGISTRY_KEY), *addresses)
    return found


def purge_all():
    return purge(cached_addresses())


def purge_paths(paths):
    """Drop the copies of these paths, with any query string, from every nginx."""
    paths = set(paths)
    return purge(
        [address for address in cached_addresses() if urllib.parse.urlsplit(address.partition(" ")[2]).path in paths]
    )


def purge_all_on_commit(**kwargs):
    if config()["purge_urls"]:
        transaction.on_commit(purge_all)


def purge_page_on_commit(page_id):
    """Purge one page's copies (in every language) once the current change commits."""
    if config()["purge_urls"]:
        transaction.on_commit(lambda: purge_paths(page_paths(page_id)))


def page_paths(page_id):
    """The paths of a page and its translations, as visitors ask for them."""
    from wagtail.models import Page

    paths = set()
    page = Page.objects.filter(pk=page_id).first()
    for translation in page.get_translations(inclusive=True).live() if page else ():
        url = translation.get_url(relative_to=None)
        if url:
            paths.add(urllib.parse.urlsplit(url).path)
    return paths
