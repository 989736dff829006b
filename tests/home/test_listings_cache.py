"""The home page's and the news index's listings are kept as HTML until a page is published (the frame's version)."""

import pytest

from tests.conftest import publish
from tests.factories import AssemblyPageFactory, NewsPageFactory
from tests.queries import page_and_queries


@pytest.mark.django_db
def test_the_home_pages_listings_are_kept_until_a_page_is_published(client, news_index, assembly_index):
    assembly = publish(AssemblyPageFactory(parent=assembly_index))
    publish(NewsPageFactory(parent=assembly, title="Kadın Meclisi toplandı"))
    page_and_queries(client, "/")
    page_and_queries(client, "/")  # (the first request also made the site's settings row: a new version)
    html, queries = page_and_queries(client, "/")
    assert "Kadın Meclisi toplandı" in html
    assert not any("home_newspage" in sql or "assemblies_assemblypage" in sql for sql in queries)

    publish(NewsPageFactory(parent=news_index, title="Gençlik Meclisi seçimi yapıldı"))
    html, queries = page_and_queries(client, "/")
    assert "Gençlik Meclisi seçimi yapıldı" in html and "Kadın Meclisi toplandı" in html
    assert any("home_newspage" in sql for sql in queries)


@pytest.mark.django_db
def test_each_page_of_the_news_is_kept_apart(client, news_index):
    for number in range(14):  # each a day older than the one before: "Haber 13" is the oldest
        publish(NewsPageFactory(parent=news_index, title=f"Haber {number:02d}"))
    first, second = page_and_queries(client, "/haberler/")[0], page_and_queries(client, "/haberler/?page=2")[0]
    assert "Haber 00" in first and "Haber 00" not in second
    assert "Haber 13" in second and "Haber 13" not in first
    assert page_and_queries(client, "/haberler/?page=2")[0].count("card__title") == 2
    assert page_and_queries(client, "/haberler/")[0].count("card__title") == 12
