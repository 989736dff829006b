"""Citizen journey to the council's open data in Chromium at 1280 and 390 px: from the council page to the
open-data page, and a file that opens with its documented columns, in Turkish and in English."""

import csv
import io

import pytest

from council import open_data
from tests.e2e.journeys.conftest import WIDTHS


@pytest.mark.parametrize("width", WIDTHS)
def test_find_and_download_the_councils_open_data(journey, width):
    page = journey.open(width=width, path="/kurullar/")
    page.locator("main").get_by_role("link", name="Açık veri").click()
    page.wait_for_load_state()
    journey.check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Açık veri"
    assert "CC BY 4.0" in page.locator("#licence").inner_text()

    # Each dataset's CSV is one keyboard-reachable link away, and opens with the columns the page lists.
    section = page.locator("#opinions")
    link = section.get_by_role("link", name="CSV – Görüşler")
    link.focus()
    assert link.evaluate("element => element === document.activeElement")
    documented = section.locator("dt code").all_inner_texts()
    response = page.request.get(journey.url(link.get_attribute("href")))
    assert response.ok
    rows = list(csv.reader(io.StringIO(response.text().removeprefix("\ufeff"))))
    assert rows[0] == documented == open_data.BY_SLUG["opinions"].headers
    assert len(rows) > 1


@pytest.mark.parametrize("width", WIDTHS)
def test_open_data_page_in_english(journey, width):
    page = journey.open(width=width, path="/en/council/acik-veri/", locale="en-GB")
    journey.check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Open data"
    assert "Creative Commons Attribution 4.0 International" in page.locator("#licence").inner_text()
