"""Fixtures shared by the whole suite: a minimal bilingual site, users, e-mail.

Tests run inside a transaction (the `db` fixture); IntegrityErrors can be tested
with `transaction.atomic()` savepoints. Only the browser tests use real
transactions, with serialized rollback: another test that flushes the database
(`transaction=True` without serialized rollback) would recreate content types
and break their restore when pytest-xdist runs them after it.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site

from accounts.models import PrivacySettings
from tests.factories import (
    AssemblyIndexPageFactory,
    AssemblyPageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    StandardPageFactory,
    UserFactory,
)


def publish(page, parent=None):
    """Publish a page so it has a live revision, as an editor's "Publish" does (adding it under `parent` first)."""
    if parent is not None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, **fields):
    """A published translation of `page` into `locale`."""
    parent = page.get_parent()
    if not parent.is_root():
        parent = parent.get_translation(locale)
    translation = page.specific_class(locale=locale, translation_key=page.translation_key, **fields)
    parent.add_child(instance=translation)
    return publish(translation)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with fresh rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language. A request through the test client leaves the language it
    chose active in the thread, so a test after an English page would otherwise work out its expected texts
    (a route's name, a status's label) in English while the pages it reads are Turkish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture
def locales(db):
    turkish, _ = Locale.objects.get_or_create(language_code="tr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return turkish, english


@pytest.fixture
def home_page(locales):
    """The Turkish home page, root of the default site (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = publish(HomePageFactory(parent=root, locale=locales[0]))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kent Konseyi")
    return home


@pytest.fixture
def english_home_page(home_page, locales):
    return translate(home_page, locales[1], title="Ümraniye City Council", slug="home", intro="Take part.")


@pytest.fixture
def news_index(home_page):
    return publish(NewsIndexPageFactory(parent=home_page, show_in_menus=True))


@pytest.fixture
def assembly_index(home_page):
    return publish(AssemblyIndexPageFactory(parent=home_page, show_in_menus=True))


@pytest.fixture
def assembly(assembly_index):
    return publish(AssemblyPageFactory(parent=assembly_index, title="Kadın Meclisi", slug="kadin-meclisi"))


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory(first_name="Mehmet", last_name="Kaya")


@pytest.fixture
def kvkk_pages(home_page):
    """The two KVKK texts, published and named in the site's privacy settings."""
    notice = publish(StandardPageFactory(parent=home_page, title="KVKK Aydınlatma Metni", slug="kvkk-aydinlatma-metni"))
    consent = publish(StandardPageFactory(parent=home_page, title="Açık Rıza Metni", slug="acik-riza-metni"))
    settings = PrivacySettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_notice = notice
    settings.explicit_consent = consent
    settings.save()
    return notice, consent
