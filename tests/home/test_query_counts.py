"""Listings run a fixed number of queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import publish
from tests.factories import AssemblyPageFactory, NewsPageFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def content(news_index, assembly_index):
    """A few assemblies and news items; tests add more and compare."""

    def add(assemblies, news):
        for _ in range(assemblies):
            assembly = publish(AssemblyPageFactory(parent=assembly_index))
            for _ in range(news):
                item = publish(NewsPageFactory(parent=assembly))
                item.tags.add("Meclis", "Duyuru")
        for _ in range(news):
            publish(NewsPageFactory(parent=news_index))

    return add


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_content(client, content, django_assert_max_num_queries):
    content(assemblies=1, news=1)
    few = count_queries(client, "/")
    content(assemblies=4, news=5)
    with django_assert_max_num_queries(few):
        client.get("/")
    with django_assert_max_num_queries(25):
        client.get("/")


@pytest.mark.django_db
def test_news_index_queries_do_not_grow_with_content(client, content, django_assert_max_num_queries):
    content(assemblies=1, news=1)
    few = count_queries(client, "/haberler/")
    content(assemblies=3, news=6)
    with django_assert_max_num_queries(few):
        client.get("/haberler/")
    with django_assert_max_num_queries(20):
        client.get("/haberler/?page=2")


@pytest.mark.django_db
def test_assembly_page_queries_do_not_grow_with_its_news(client, assembly, django_assert_max_num_queries):
    publish(NewsPageFactory(parent=assembly))
    few = count_queries(client, "/meclisler/kadin-meclisi/")
    for _ in range(6):
        publish(NewsPageFactory(parent=assembly))
    with django_assert_max_num_queries(few):
        client.get("/meclisler/kadin-meclisi/")


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_pages(client, content, django_assert_max_num_queries):
    content(assemblies=1, news=1)
    few = count_queries(client, "/sitemap.xml")
    content(assemblies=3, news=4)
    with django_assert_max_num_queries(few):
        client.get("/sitemap.xml")
