"""The assembly page keeps its components' HTML (calendar, news, surveys) and still shows what was just published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import NewsPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db


COMPONENT_TABLES = ("events_eventpage", "home_newspage", "surveys_surveypage")


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def test_a_second_visit_reads_the_components_from_the_cache(client, assembly):
    visit(client, assembly.url)  # creates the site's settings rows, which resets the frame
    first, cold = visit(client, assembly.url)
    second, warm = visit(client, assembly.url)
    assert second == first
    assert any(table in sql for sql in cold for table in COMPONENT_TABLES)
    assert not any(table in sql for sql in warm for table in COMPONENT_TABLES)


def test_published_news_shows_at_once_though_the_components_are_cached(client, assembly):
    visit(client, assembly.url)
    before, _ = visit(client, assembly.url)
    assert "Gençlerle mahalle buluşması" not in before
    news = NewsPage(title="Gençlerle mahalle buluşması", slug="mahalle-bulusmasi", intro="Buluşma.", date="2026-11-20")
    publish(news, assembly)
    after, _ = visit(client, assembly.url)
    assert "Gençlerle mahalle buluşması" in after


def test_each_month_of_the_calendar_is_kept_apart(client, assembly):
    may, _ = visit(client, assembly.url + "?ay=2027-05")
    june, _ = visit(client, assembly.url + "?ay=2027-06")
    assert "Mayıs 2027" in may and "Mayıs 2027" not in june
    assert "Haziran 2027" in june
