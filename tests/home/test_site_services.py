import xml.etree.ElementTree as ET

import pytest
from django.db import connection

from tests.conftest import publish, translate
from tests.factories import NewsPageFactory

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_both_languages(client, english_home_page, news_index, locales):
    news = publish(NewsPageFactory(parent=news_index, slug="okculuk"))
    translate(news_index, locales[1], title="News", slug="news")
    draft = NewsPageFactory(parent=news_index, slug="taslak", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP_NS}loc")}
    assert "http://localhost/" in locations
    assert "http://localhost/en/" in locations
    assert "http://localhost/haberler/okculuk/" in locations
    assert "http://localhost/en/news/" in locations
    assert not any(draft.slug in location for location in locations)
    assert news.pk


@pytest.mark.django_db
def test_search_finds_published_pages_of_the_active_language(client, english_home_page, news_index, locales):
    publish(NewsPageFactory(parent=news_index, title="Okçuluk yarışması", intro="Engelli Meclisi üyeleri yarıştı."))
    publish(NewsPageFactory(parent=news_index, title="Girişimcilik komisyonu", intro="Kadın Meclisi projeleri."))
    english_index = translate(news_index, locales[1], title="News", slug="news")
    publish(NewsPageFactory(parent=english_index, title="Archery competition", intro="Members competed."))

    response = client.get("/search/", {"q": "okçuluk"})
    assert response.status_code == 200
    titles = [page.title for page in response.context["results_page"]]
    assert titles == ["Okçuluk yarışması"]

    english = client.get("/en/search/", {"q": "archery"})
    assert [page.title for page in english.context["results_page"]] == ["Archery competition"]


@pytest.mark.django_db
def test_search_survives_odd_input(client, home_page):
    # A NUL (which PostgreSQL refuses in any text) is dropped, not a 500.
    for query in ["'; DROP TABLE", "ş" * 500, '"unbalanced', "AND OR NOT", "\x00", "park\x00ı", '"\x00"']:
        response = client.get("/search/", {"q": query, "page": "x"})
        assert response.status_code == 200
        assert "\x00" not in response.context["query"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the turkish text-search configuration is PostgreSQL's")
def test_search_on_postgresql_stems_turkish_words(client, news_index):
    publish(
        NewsPageFactory(parent=news_index, title="Okçuluk yarışmalarında madalya", intro="Engelli Meclisi üyeleri.")
    )
    response = client.get("/search/", {"q": "yarışma"})
    assert [page.title for page in response.context["results_page"]] == ["Okçuluk yarışmalarında madalya"]
