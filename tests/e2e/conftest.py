"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil

import pytest
from django.db import connections

from tests.demo_snapshot import load_demo_content

# Playwright's synchronous API runs an event loop in the test thread; the ORM calls
# the tests make between browser steps are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def page(demo_site):
    """A Chromium tab on the demo site.

    Playwright's synchronous API keeps an event loop running in the test thread
    while it is started, and Django then hands out a separate database connection
    (asgiref's Local follows the loop's context). So the browser starts after the
    database is ready and stops before it is flushed, once per test.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(
            locale="tr-TR", timezone_id="Europe/Istanbul", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        yield page
        browser.close()
        # The connection Django opened inside Playwright's context; closing it
        # lets the test database be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    """The demo content of `make run`, served by the live server; the journeys sign in with the demo password."""
    load_demo_content(demo_logins=True)
    return live_server
