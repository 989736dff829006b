"""Çözüm Postası on the demo site: plan a culture-bulletin distribution, print, and record deliveries on a phone."""

import io

from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from accounts.models import User
from distribution.demo import COORDINATOR, COURIERS
from distribution.models import Distribution, Stop
from tests.e2e.test_accessibility import WCAG_AA
from tests.e2e.test_register import sign_in


def pdf_text(response):
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    return len(pages), " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_distribution_is_planned_printed_and_recorded_from_the_qr_code(demo_site, page):
    base = demo_site.url
    distribution = Distribution.objects.get(publication__title="Ümraniye Kültür Bülteni")
    sign_in(page, base, COORDINATOR[0])
    page.goto(f"{base}/admin/distribution/{distribution.pk}/plan/")
    assert "Tantavi" in page.locator("#distribution-totals").inner_text()
    with page.expect_navigation():
        page.locator("form[action$='/build/'] button[type=submit]").click()
    route = distribution.routes.order_by("number").first()
    assert route is not None and route.stops.exists()

    _pages, sheets = pdf_text(page.request.get(f"{base}/admin/distribution/{distribution.pk}/sheets.pdf"))
    assert str(route) in sheets and route.stops.first().recipient.name.split()[0] in sheets
    label_pages, labels = pdf_text(page.request.get(f"{base}/admin/distribution/{distribution.pk}/labels/?layout=3x8"))
    stops = Stop.objects.filter(route__distribution=distribution).count()
    assert label_pages == -(-stops // 24) and "Ümraniye / İstanbul" in labels

    # The route is given to a courier, who scans the sheet's QR code on a phone.
    route.courier = User.objects.get(email=COURIERS[0][0])
    route.save()
    phone = page.context.browser.new_context(
        locale="tr-TR", timezone_id="Europe/Istanbul", viewport={"width": 390, "height": 844}, is_mobile=True
    ).new_page()
    sign_in(phone, base, COURIERS[0][0])
    phone.goto(f"{base}/cozum-postasi/rota/{route.token}/")
    results = Axe().run(phone, options=WCAG_AA)
    assert not results.violations_count, results.generate_report()
    first = route.stops.order_by("position").first()
    item = phone.locator(f"#stop-{first.pk}")
    item.locator("input[value=delivered]").check()
    item.locator("input[name$=received_by]").fill("Şükrü Bey")
    with phone.expect_navigation():
        item.locator("button[type=submit]").click()
    first.refresh_from_db()
    assert (first.outcome, first.received_by) == (Stop.Outcome.DELIVERED, "Şükrü Bey")
