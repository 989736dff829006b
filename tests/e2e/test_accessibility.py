"""Public pages, in Turkish and English, pass axe-core's WCAG 2.x A and AA rules."""

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

PAGES = [
    "/",
    "/kent-konseyi/",
    "/haberler/",
    "/haberler/cozum-merkezi-2020de-91599-basvuruyu-kayda-aldi/",
    "/meclisler/",
    "/meclisler/engelli-meclisi/",
    "/accounts/signup/",
    "/accounts/login/",
    "/search/?q=meclis",
    "/etkinlikler/",
    "/etkinlikler/?gecmis=1",
    "/etkinlikler/bilgilendirme-toplantisi-sokak-hayvanlari-ve-veteriner-hizmetleri/",
    "/meclisler/engelli-meclisi/okculuk-yarismasi/",
    "/en/",
    "/en/city-council/",
    "/en/news/the-solution-centre-registered-91599-cases-in-2020/",
    "/en/assemblies/disabled-peoples-assembly/",
    "/en/events/",
    "/en/accounts/signup/",
    "/en/accounts/login/",
]


def test_public_pages_have_no_wcag_a_or_aa_violations_and_no_csp_errors(demo_site, page):
    axe = Axe()
    problems = {}
    for path in PAGES:
        response = page.goto(demo_site.url + path)
        assert response.status == 200, path
        results = axe.run(page, options=WCAG_AA)
        if results.violations_count:
            problems[path] = results.generate_report()
    assert not problems, "\n\n".join(f"{path}\n{report}" for path, report in problems.items())
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def test_the_signup_form_reports_errors_accessibly(demo_site, page):
    page.goto(demo_site.url + "/accounts/signup/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kaydol").click()
    assert page.locator('[aria-invalid="true"]').count() >= 3
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
