"""The request's Wagtail site comes from the process's copy (theme/chrome.py), not from a query on every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import HomePageFactory


def site_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries if "wagtailcore_site" in query["sql"]]


@pytest.mark.django_db
def test_the_site_is_read_once_and_not_on_every_request(client, home_page):
    assert site_queries(client, "/") != []  # the first request of this version reads it
    client.get("/")  # (the first request also made the site's settings row, which bumps the version)
    assert site_queries(client, "/") == []
    assert site_queries(client, "/") == []


@pytest.mark.django_db
def test_a_changed_site_is_served_at_the_next_request(client, home_page):
    client.get("/")
    other_home = HomePageFactory(parent=home_page.get_parent(), title="Yeni ana sayfa", slug="yeni")
    other_home.save_revision().publish()
    site = Site.objects.get()
    site.root_page = other_home
    site.save()
    assert "Yeni ana sayfa" in client.get("/").content.decode()


@pytest.mark.django_db
def test_each_request_gets_its_own_copy_of_the_site(rf, home_page):
    first, second = rf.get("/"), rf.get("/")
    assert Site.find_for_request(first) == Site.find_for_request(second) == Site.objects.get()
    assert Site.find_for_request(first) is Site.find_for_request(first)  # kept on the request, as Wagtail does
    assert Site.find_for_request(first) is not Site.find_for_request(second)
    assert Site.find_for_request(first).root_page is not Site.find_for_request(second).root_page
