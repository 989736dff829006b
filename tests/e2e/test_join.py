"""Joining an assembly in a real browser, with the keyboard alone, and what axe-core says of it."""

from axe_playwright_python.sync_playwright import Axe

from assemblies.models import Membership
from tests.e2e.test_accessibility import WCAG_AA

CITIZEN = "vatandas@kentkonseyi.test"
PASSWORD = "kent-konseyi-demo"


def focused_text(page):
    return page.evaluate(
        """() => { const e = document.activeElement;
            const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
            return (label || e.textContent || e.value || "").trim(); }"""
    )


def tab_to(page, text, limit=80):
    """Press Tab until the focused element's label or text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in focused_text(page):
            return
    raise AssertionError(f"never reached {text!r} with the Tab key")


def assert_no_violations(page):
    page.wait_for_load_state()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_citizen_joins_with_the_keyboard_only(demo_site, page):
    page.goto(demo_site.url + "/meclisler/engelli-meclisi/")
    tab_to(page, "Bu meclise katılın")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")

    tab_to(page, "E-posta")
    page.keyboard.type(CITIZEN)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/meclisler/engelli-meclisi/katil/") and "login" not in url)
    assert_no_violations(page)

    tab_to(page, "Ümraniye'de yaşıyorum")
    page.keyboard.press("Space")
    tab_to(page, "Engelim var")
    page.keyboard.press("Space")
    tab_to(page, "Tekerlekli sandalye erişimi")
    page.keyboard.press("Space")
    tab_to(page, "Başvurumu gönder")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/assemblies/")

    membership = Membership.objects.get(user__email=CITIZEN, assembly__slug="engelli-meclisi")
    assert membership.state == Membership.State.APPLIED
    assert membership.disability_declared and membership.accessibility_needs == ["wheelchair"]
    assert membership.neighbourhood.name == "İnkılap"  # taken from her profile
    assert "Başvurunuz gönderildi" in page.content()
    assert_no_violations(page)


def test_assembly_pages_and_the_form_with_errors_pass_axe(demo_site, page):
    for path in ["/meclisler/cocuk-meclisi/", "/en/assemblies/childrens-assembly/", "/meclisler/kadin-meclisi/"]:
        page.goto(demo_site.url + path)
        assert_no_violations(page)

    page.goto(demo_site.url + "/accounts/login/")
    page.get_by_label("E-posta").fill(CITIZEN)
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()

    page.goto(demo_site.url + "/meclisler/engelli-meclisi/katil/")
    page.get_by_label("Diğer", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Başvurumu gönder").click()
    assert page.locator(".errorlist").count() >= 2
    assert_no_violations(page)

    page.goto(demo_site.url + "/meclisler/genclik-meclisi/katil/")
    assert "Bu meclise katılamazsınız." in page.content()
    assert_no_violations(page)

    page.goto(demo_site.url + "/accounts/assemblies/")
    assert_no_violations(page)
