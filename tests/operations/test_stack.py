"""The production stack (deploy/stack.py) as a visitor and an operator meet it: nginx, two app servers, two workers.

Runs on the PostgreSQL and Redis servers of the machine (the CI step that sets
DATABASE_URL and REDIS_URL), in a database of its own, with the demo content.
"""

import os
import re
import subprocess
import urllib.parse

import pytest
import requests

from deploy.stack import ROOT, Stack, drop_database

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"),
        reason="the production stack runs on PostgreSQL and Redis",
    ),
]

DEMO_PASSWORD = "kent-konseyi-demo"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    base = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    database_url = urllib.parse.urlunsplit(base._replace(path=f"/kentkonseyi_stack_{worker}"))
    redis = urllib.parse.urlsplit(os.environ["REDIS_URL"])
    redis_url = urllib.parse.urlunsplit(redis._replace(path="/12"))
    stack = Stack(tmp_path_factory.mktemp("stack"), database_url, redis_url, web_workers=2, task_workers=2)
    stack.prepare(demo=True, fresh=True)
    with stack:
        yield stack
    drop_database(database_url)


def publish_home_page(stack):
    code = (
        "from home.models import HomePage; HomePage.objects.get(locale__language_code='tr').save_revision().publish()"
    )
    subprocess.run([".venv/bin/python", "manage.py", "shell", "-c", code], cwd=ROOT, env=stack.env(), check=True)


def log_in(session, base, email):
    form = session.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": DEMO_PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
    )


def test_every_kind_of_page_answers_through_nginx(stack):
    home = requests.get(stack.url + "/")
    assert home.status_code == 200
    links = set(re.findall(r'href="(/[^"#?]*)"', home.text))
    calendar = requests.get(stack.url + "/etkinlikler/")
    event = next(link for link in re.findall(r'href="(/etkinlikler/[^"#?]+/)"', calendar.text))
    news = requests.get(stack.url + "/haberler/")
    news_page = next(link for link in re.findall(r'href="(/haberler/[^"#?]+/|/meclisler/[^"#?]+/[^"#?]+/)"', news.text))
    pages = {
        "/",
        "/en/",
        "/meclisler/",
        "/meclisler/kadin-meclisi/",
        "/haberler/",
        news_page,
        "/etkinlikler/",
        event,
        "/anketler/",
        "/oneri-kutusu/",
        "/oneri-kutusu/takip/",
        "/search/?q=meclis",
        "/sitemap.xml",
        "/accounts/login/",
    }
    for path in sorted(pages):
        answer = requests.get(stack.url + path)
        assert answer.status_code == 200, path
        assert answer.headers["X-Request-ID"], path
    assert "/static/" in home.text or any(link.startswith("/static/") for link in links)
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
    static = requests.get(stack.url + stylesheet)
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]
    assert requests.get(stack.url + "/admin/", allow_redirects=False).status_code == 302
    health = requests.get(stack.url + "/health/")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"


def test_html_is_compressed_and_calendar_feeds_never_are(stack):
    page = requests.get(stack.url + "/haberler/", headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"
    feed = requests.get(stack.url + "/takvim.ics", headers={"Accept-Encoding": "gzip"})
    assert feed.status_code == 200
    assert feed.headers["Content-Type"].startswith("text/calendar")
    assert "Content-Encoding" not in feed.headers
    assert feed.text.startswith("BEGIN:VCALENDAR")


def test_anonymous_pages_come_from_the_cache_until_a_page_is_published(stack):
    requests.get(stack.url + "/")
    assert requests.get(stack.url + "/").headers["X-Cache-Status"] == "HIT"
    publish_home_page(stack)
    assert requests.get(stack.url + "/").headers["X-Cache-Status"] in {"MISS", "EXPIRED"}
    assert requests.get(stack.url + "/").headers["X-Cache-Status"] == "HIT"


def test_signed_in_visitors_get_their_own_pages_never_a_cached_one(stack):
    requests.get(stack.url + "/meclisler/")  # an anonymous copy is in the cache now
    citizen, coordinator = requests.Session(), requests.Session()
    assert log_in(citizen, stack.url, "vatandas@kentkonseyi.test").status_code == 302
    assert log_in(coordinator, stack.url, "kadin@kentkonseyi.test").status_code == 302
    tokens = set()
    for session, is_staff in ((citizen, False), (coordinator, True)):
        for _ in range(2):
            page = session.get(stack.url + "/meclisler/")
            assert page.headers["X-Cache-Status"] == "BYPASS"
            assert 'action="/accounts/logout/"' in page.text
            assert ('href="/admin/"' in page.text) is is_staff
            tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1))
    assert len(tokens) == 4  # each page rendered for its own visitor
    anonymous = requests.get(stack.url + "/meclisler/")
    assert anonymous.headers["X-Cache-Status"] == "HIT"
    assert 'action="/accounts/logout/"' not in anonymous.text
    assert 'href="/admin/"' not in anonymous.text
    assert "csrfmiddlewaretoken" not in anonymous.text


def test_a_login_on_one_app_server_holds_on_the_other(stack):
    first, second = stack.app_urls
    session = requests.Session()
    assert log_in(session, first, "vatandas@kentkonseyi.test").status_code == 302
    profile = session.get(f"{second}/accounts/profile/", allow_redirects=False)
    assert profile.status_code == 200
    assert "vatandas@kentkonseyi.test" in profile.text


def test_failed_logins_count_across_both_app_servers(stack):
    session = requests.Session()
    # The site's own name, as nginx passes it to whichever app server it picks.
    session.headers["Host"] = urllib.parse.urlsplit(stack.url).netloc
    email = "genclik@kentkonseyi.test"
    messages = []
    for attempt in range(6):
        base = stack.app_urls[attempt % 2]
        form = session.get(f"{base}/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        answer = session.post(
            f"{base}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": "yanlış-parola"},
            headers={"Referer": f"{base}/accounts/login/"},
        )
        messages.append(answer.text)
    # allauth allows 5 failures per address in 5 minutes; the sixth is refused whichever server counts it.
    assert all("Çok fazla" not in text for text in messages[:5])
    assert "Çok fazla" in messages[5]


def test_a_request_larger_than_the_upload_limits_gets_nginx_turkish_page(stack):
    answer = requests.post(stack.url + "/accounts/login/", data={"x": "a" * (3 * 1024 * 1024)})
    assert answer.status_code == 413
    assert "çok büyük" in answer.text
    assert requests.get(stack.url + "/static/errors/413.html").status_code == 404  # only nginx shows it


def test_only_the_app_servers_may_purge_a_page(stack):
    assert requests.get(stack.url + "/__purge/").status_code == 403
    assert requests.request("PURGE", stack.url + "/__purge/").status_code in {200, 404}
