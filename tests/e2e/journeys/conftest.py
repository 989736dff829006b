"""What every journey checks on every page it passes through.

A journey test walks one role's journey of JOURNEYS.md in Chromium, from arrival to the
outcome the person relies on. `journey.open()` gives a tab at a desktop or phone width,
signed in as a demo login (the log-in form is used once per role and test, then the
session is shared by that role's other tabs); `journey.check(page)` fails on what a
person would see as a defect even when the server answered 200.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.test_accessibility import WCAG_AA

PASSWORD = "kent-konseyi-demo"
DESKTOP, PHONE = 1280, 390
WIDTHS = (DESKTOP, PHONE)

# Raw values of Python or JavaScript that reach a screen when a template prints a missing value.
RAW_VALUE = re.compile(r"(?<![\w/.-])(None|False|True|null|undefined|NaN)(?![\w/.-])")
# English words that do not occur in Turkish text. Two in one line of a Turkish page make
# it an English sentence; short stock labels of the libraries are listed whole.
ENGLISH_WORDS = frozenset(
    "the and of to is are was were be been has have had could would should not your you this that "
    "with from by all please will there these those which been could".split()
)
ENGLISH_LABELS = frozenset(
    label.casefold()
    for label in (
        "Saved",
        "Collapse all",
        "Expand all",
        "Documents",
        "Images",
        "Snippets",
        "Dashboard",
        "Settings",
        "Reports",
        "Help",
        "Edit",
        "Delete",
        "Save",
        "Save draft",
        "Cancel",
        "Publish",
        "Unpublish",
        "Draft",
        "Live",
        "Actions",
        "Sort",
        "Filter",
        "Filters",
        "Next",
        "Previous",
        "Yes",
        "No",
        "Close",
        "Forbidden",
        "Not Found",
        "Server Error",
        "Moderators approval",
        "Log in",
        "Sign in",
        "Sign out",
        "Log out",
    )
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# A phone zooms out to show a page wider than itself, and innerWidth grows with it:
# compare with the device's width. The widest elements help find the culprit.
OVERFLOW = """(device) => {
    const width = Math.min(window.innerWidth, device);
    if (!document.documentElement) return 'loading';
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 1)
        .slice(-3).map(e => e.outerHTML.slice(0, 120));
    return {scrollWidth: document.documentElement.scrollWidth, wide};
}"""

# Where screenshots of every checked page go when JOURNEY_SCREENSHOTS=1.
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "journeys"


def english_lines(text):
    """Lines of a Turkish page's visible text that read as English."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        words = [word.casefold() for word in WORD.findall(line)]
        if line.casefold().rstrip(".:!") in ENGLISH_LABELS or len({w for w in words if w in ENGLISH_WORDS}) >= 2:
            found.append(line)
    return found


class Journey:
    """Tabs on the demo site for the roles of one journey test, and the checks of each page."""

    def __init__(self, base_url, browser, name):
        self.base_url = base_url
        self.browser = browser
        self.name = name
        self.states = {}
        self.server_errors = []
        self.shots = 0

    def url(self, path):
        return path if path.startswith("http") else self.base_url + path

    def open(self, email=None, width=DESKTOP, path=None, locale="tr-TR"):
        """A new tab `width` pixels wide, signed in as `email` (a demo login) when given."""
        phone = width < 600
        context = self.browser.new_context(
            locale=locale,
            timezone_id="Europe/Istanbul",
            viewport={"width": width, "height": 844 if phone else 900},
            is_mobile=phone,
            has_touch=phone,
            storage_state=self.states.get(email),
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("response", self._watch)
        if email and email not in self.states:
            # Staff start in the admin; a citizen sent there would be refused it.
            user = get_user_model().objects.get(email=email)
            self.sign_in(page, email, next_path="/admin/" if user.has_perm("wagtailadmin.access_admin") else "/")
            self.states[email] = context.storage_state()
        if path:
            page.goto(self.url(path))
        return page

    def sign_in(self, page, email, next_path="/admin/"):
        page.goto(self.url(f"/accounts/login/?next={next_path}"))
        page.get_by_label("E-posta").fill(email)
        page.get_by_label("Parola").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Oturum aç", exact=True).click()
        assert "/accounts/login/" not in page.url, f"{email} could not sign in"

    @staticmethod
    def _settled(page, script, argument):
        """`script`'s answer once the page has loaded: a click may have started a navigation just before."""
        for _attempt in range(20):
            page.wait_for_load_state("load")
            try:
                answer = page.evaluate(script, argument)
            except PlaywrightError as error:
                if "context was destroyed" not in str(error) and "navigat" not in str(error):
                    raise
                answer = "loading"
            if answer != "loading":
                return answer
            page.wait_for_timeout(100)
        raise AssertionError(f"{page.url} never finished loading")

    def _watch(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    def check(self, page, *, axe=True):
        """Fail on what a person sees as a defect on the page `page` shows now (axe on staff screens too)."""
        self._settled(page, "() => document.documentElement ? null : 'loading'", None)
        path = page.url.removeprefix(self.base_url)
        width = page.viewport_size["width"]
        where = f"{path} at {width} px"
        if os.environ.get("JOURNEY_SCREENSHOTS"):
            self.shots += 1
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            slug = re.sub(r"[^\w]+", "-", path).strip("-")[:60] or "home"
            page.screenshot(path=SCREENSHOTS / f"{self.name}-{self.shots:02d}-{width}-{slug}.png", full_page=True)
        assert not self.server_errors, f"server errors on the way to {where}: {self.server_errors}"
        overflow = self._settled(page, OVERFLOW, width)
        assert overflow is None, f"{where} scrolls sideways: {overflow}"
        text = page.locator("body").inner_text()
        raw = sorted({match.group(0) for match in RAW_VALUE.finditer(text)})
        assert not raw, f"{where} shows raw values {raw}"
        language = page.evaluate("document.documentElement.lang") or ""
        if language.startswith("tr"):
            english = english_lines(text)
            assert not english, f"{where} is Turkish but shows English: {english}"
        if axe:
            results = Axe().run(page, options=WCAG_AA)
            assert not results.violations_count, f"{where}\n{results.generate_report()}"


@pytest.fixture
def journey(demo_site, request):
    """The demo site with Chromium tabs for each role (see `Journey`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield Journey(demo_site.url, browser, request.node.name)
        browser.close()
        connections.close_all()
