"""Recording which KVKK texts a person accepted, version by version."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from accounts.models import Consent, PrivacySettings

NOTICE_CACHE_KEY = "kvkk:privacy-notice:{site}:{language}"
LINKS_CACHE_KEY = "kvkk:footer-links:{site}:{language}"

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

    Kept in the cache, as public forms ask for it on every submission; publishing,
    unpublishing, moving or deleting a page, or saving the KVKK settings, forgets it.
    """
    site = Site.find_for_request(request)
    key = NOTICE_CACHE_KEY.format(site=site.pk if site else 0, language=get_language())
    found = cache.get(key)
    if found is None:
        page = next((page for _kind, page in current_texts(request, [Consent.Kind.PRIVACY_NOTICE])), None)
        found = (page.url or "", document_label(page)) if page else ("", "")
        cache.set(key, found, 24 * 3600)
    return tuple(found)


def footer_links(request):
    """The KVKK texts in force in the active language, as [(address, title)] for every page's footer.

    Cached and forgotten together with the privacy notice's label.
    """
    site = Site.find_for_request(request)
    key = LINKS_CACHE_KEY.format(site=site.pk if site else 0, language=get_language())
    found = cache.get(key)
    if found is None:
        found = [(page.get_url(request) or "", page.title) for _kind, page in current_texts(request)]
        cache.set(key, found, 24 * 3600)
    return found


def forget_privacy_notice(**kwargs):
    sites = Site.objects.values_list("pk", flat=True)
    cache.delete_many(
        [
            key.format(site=site, language=code)
            for key in (NOTICE_CACHE_KEY, LINKS_CACHE_KEY)
            for site in sites
            for code, _ in settings.LANGUAGES
        ]
    )
