"""Recording which KVKK texts a person accepted, version by version."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Site

from accounts.models import Consent, PrivacySettings
from theme import chrome

NOTICE_CACHE_KEY = "kvkk:privacy-notice:{site}:{language}"
LINKS_CACHE_KEY = "kvkk:footer-links:{site}:{language}"
# The records version of the KVKK texts' addresses and labels (theme/chrome.py), bumped by forget_privacy_notice:
# each process keeps its copy of them until it moves, {cache key: (version, value)}.
TEXTS = "kvkk-texts"
_known = {}
MAX_KNOWN = 64

FIELDS = {Consent.Kind.PRIVACY_NOTICE: "privacy_notice", Consent.Kind.EXPLICIT_CONSENT: "explicit_consent"}


def current_texts(request, kinds=tuple(FIELDS)):
    """The KVKK pages of these kinds that apply now, in the visitor's language: [(kind, page)]."""
    settings = PrivacySettings.for_request(request)
    texts = [(kind, getattr(settings, FIELDS[kind])) for kind in kinds]
    return [(kind, page.localized) for kind, page in texts if page is not None and page.live]


def record_signup_consents(request, user):
    """Store, for each KVKK text shown at sign-up, the live revision the person saw."""
    return record_consents(user, current_texts(request))


def record_consents(user, texts):
    """Store a consent for each (kind, page) in `texts`, pinned to the page's live revision."""
    consents = []
    for kind, page in texts:
        revision = page.live_revision
        consents.append(
            Consent(
                user=user,
                kind=kind,
                document_title=page.title,
                document_url=page.url or "",
                version=version_label(page),
                revision=revision,
            )
        )
    return Consent.objects.bulk_create(consents)


def version_label(page):
    published = page.last_published_at
    date = published.date().isoformat() if published else "-"
    return f"{page.live_revision_id or 0} ({date})"


def document_label(page):
    """How a consent names the text it was given to: title, address and version."""
    return f"{page.title} {page.url or ''} {version_label(page)}".strip()


def privacy_notice(request):
    """The privacy notice in force for the site and the active language, as (address, label); ("", "") if none.

    Kept in each process and in the cache, as public forms ask for it on every submission; publishing,
    unpublishing, moving or deleting a page, or saving the KVKK settings, forgets it everywhere.
    """
    site = Site.find_for_request(request)

    def read():
        page = next((page for _kind, page in current_texts(request, [Consent.Kind.PRIVACY_NOTICE])), None)
        return (page.url or "", document_label(page)) if page else ("", "")

    return tuple(_kept(NOTICE_CACHE_KEY.format(site=site.pk if site else 0, language=get_language()), read))


def footer_links(request):
    """The KVKK texts in force in the active language, as [(address, title)] for every page's footer.

    Cached and forgotten together with the privacy notice's label.
    """
    site = Site.find_for_request(request)

    def read():
        return [(page.get_url(request) or "", page.title) for _kind, page in current_texts(request)]

    return list(_kept(LINKS_CACHE_KEY.format(site=site.pk if site else 0, language=get_language()), read))


def _kept(key, read):
    """The value under `key`: this process's copy while the texts' version stays, else the cache's, else `read()`."""
    version = chrome.records_version(TEXTS)
    known = _known.get(key)
    if known is None or known[0] != version:
        found = cache.get(key)
        if found is None:
            found = read()
            cache.set(key, found, 24 * 3600)
        if len(_known) >= MAX_KNOWN:
            _known.clear()
        known = _known[key] = (version, found)
    return known[1]


def forget_privacy_notice(**kwargs):
    """Forget the texts' addresses and labels everywhere, at once and again when the change commits (a request
    that read them before could have kept them in the cache in between)."""
    sites = Site.objects.values_list("pk", flat=True)
    keys = [
        key.format(site=site, language=code)
        for key in (NOTICE_CACHE_KEY, LINKS_CACHE_KEY)
        for site in sites
        for code, _ in settings.LANGUAGES
    ]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
    chrome.bump_records(TEXTS)
