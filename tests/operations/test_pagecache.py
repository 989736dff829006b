"""Which answers nginx may keep for anonymous visitors, and the purge when content changes."""

import http.server
import os
import threading

import pytest
from django.core.cache import cache

from operations import pagecache
from suggestions.models import SuggestionBoxPage
from tests.conftest import publish
from tests.factories import NewsPageFactory


def cached_for(response):
    return response.get("X-Accel-Expires")


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_a_page_nginx_may_keep(client, news_index, settings):
    settings.PAGE_CACHE = {"ttl": 120, "purge_urls": []}
    response = client.get("/haberler/")
    assert response.status_code == 200
    assert cached_for(response) == "120"
    # Browsers revalidate (the ETag makes that cheap), so signing in shows the visitor's own header at once.
    assert response["Cache-Control"] == "no-cache"
    assert response["ETag"]
    assert client.get("/haberler/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.django_db
def test_a_signed_in_visitor_gets_a_page_nobody_else_may_be_shown(client, news_index, user):
    client.force_login(user)
    response = client.get("/haberler/")
    assert response.status_code == 200
    assert cached_for(response) is None


@pytest.mark.django_db
def test_any_cookie_but_the_csrf_cookie_means_the_page_may_be_personal(client, news_index):
    client.cookies["csrftoken"] = "x" * 32
    assert cached_for(client.get("/haberler/")) == "300"
    client.cookies["messages"] = "a flash message for this visitor"
    assert cached_for(client.get("/haberler/")) is None


@pytest.mark.django_db
def test_a_page_with_a_form_is_never_kept(client, home_page):
    box = publish(SuggestionBoxPage(title="Öneri Kutusu", slug="oneri-kutusu"), home_page)
    response = client.get(box.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert cached_for(response) is None


@pytest.mark.django_db
def test_views_other_than_pages_are_never_kept(client, home_page):
    for path in ("/health/", "/accounts/login/", "/search/?q=meclis"):
        assert cached_for(client.get(path)) is None, path


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """Stands in for nginx's purge location: records each PURGE and answers 200."""

    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PAGE_CACHE = {"ttl": 300, "purge_urls": [f"http://127.0.0.1:{server.server_port}"]}
    yield PurgeRecorder.purged
    server.shutdown()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the list of cached addresses lives in Redis")
@pytest.mark.django_db
def test_publishing_a_page_purges_every_kept_page_from_nginx(
    client, news_index, home_page, purge_server, django_capture_on_commit_callbacks
):
    client.get("/")
    client.get("/haberler/?page=2")
    assert set(pagecache.cached_addresses()) == {"testserver /", "testserver /haberler/?page=2"}
    with django_capture_on_commit_callbacks(execute=True):
        publish(NewsPageFactory.build(title="Kadın Meclisi toplandı"), news_index)
    # The news index lists the new page and the home page shows the latest news: both go.
    assert sorted(purge_server) == [("testserver", "/__purge/"), ("testserver", "/__purge/haberler/?page=2")]
    assert pagecache.cached_addresses() == []
    cache.clear()


@pytest.mark.django_db
def test_a_change_to_the_councils_records_purges_the_kept_pages(settings, django_capture_on_commit_callbacks):
    """Council bodies, meetings and opinions are shown by the council page's routes, not by pages of their own."""
    from council.models import Body

    settings.PAGE_CACHE = {"ttl": 300, "purge_urls": ["http://127.0.0.1:9"]}
    with django_capture_on_commit_callbacks() as callbacks:
        body = Body.objects.create(name="Genel Kurul", slug="genel-kurul", kind=Body.Kind.GENERAL_ASSEMBLY)
    assert pagecache.purge_all in callbacks
    with django_capture_on_commit_callbacks() as callbacks:
        body.delete()
    assert pagecache.purge_all in callbacks
