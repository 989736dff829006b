import pytest
from wagtail.models import Site

from accounts.models import PrivacySettings
from tests.conftest import publish
from tests.factories import StandardPageFactory


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
