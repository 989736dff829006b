"""Recording which KVKK texts a person accepted, version by version."""

from accounts.models import Consent, PrivacySettings

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
