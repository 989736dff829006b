"""Çözüm Postası's coordinator at a desk (1280 px): plan, route and print, close.

From JOURNEYS.md: recipients are imported, checked and confirmed; a distribution is planned with
its copies per mahalle shown before anything is committed; routes are built, each given a courier,
and every printed sheet names its courier, date and publication with its stops in walking order;
a signed paper sheet is typed in, "nobody there" goes into a follow-up route, and the reports show
the copies per publication, mahalle and courier, by the courier's name.
"""

import csv
import io
import re

from pypdf import PdfReader

from distribution.demo import COORDINATOR, COURIERS
from distribution.models import Distribution, Recipient, Route, Stop
from tests.e2e.journeys.conftest import DESKTOP

PUBLICATION = "Ümraniye Kültür Bülteni Aralık 2026"
LIST = "Yeni yıl davetlileri"
BOOK = [
    ["Tür", "Ad", "Mahalle", "Cadde/Sokak", "Dış kapı no", "Enlem", "Boylam", "Listeler", "Etkin"],
    ["Dernek", "Çakmak Gençlik Derneği", "Çakmak", "Gül Sokak", "4", "41.0211", "29.1302", LIST, "Evet"],
    ["Okul", "Çakmak Ortaokulu", "Çakmak", "Okul Sokak", "12", "41.0232", "29.1321", LIST, "Evet"],
    ["Dükkân", "Çakmak Fırını", "Çakmak", "Gül Sokak", "9", "41.0215", "29.1309", LIST, "Evet"],
    ["Dernek", "Tepeüstü Spor Kulübü", "Tepeüstü", "Lale Sokak", "3", "", "", LIST, "Evet"],
    ["Birey", "Sevim Kaya", "Tepeüstü", "Lale Sokak", "7", "", "", LIST, "Evet"],
]
COURIER_NAMES = [f"{first} {last}" for _email, first, last in COURIERS]


def pdf_text(response):
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def book_file(tmp_path):
    path = tmp_path / "davetliler.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(BOOK)
    return path


def plan(journey, page, tmp_path):
    """Recipients imported, checked and confirmed; a new distribution; its copies per mahalle."""
    page.goto(journey.url("/admin/"))
    journey.check(page)
    assert page.get_by_role("heading", name="Süren dağıtımlar").is_visible()

    page.goto(journey.url("/admin/distribution/import/"))
    journey.check(page)
    page.locator("input[type=file]").set_input_files(book_file(tmp_path))
    with page.expect_navigation():
        page.get_by_role("button", name="Dosyayı denetle").click()
    journey.check(page)
    assert Recipient.objects.filter(name="Çakmak Fırını").count() == 0  # checked, nothing imported yet
    with page.expect_navigation():
        page.get_by_role("button", name="İçe aktarmayı onayla").click()
    journey.check(page)
    assert Recipient.objects.filter(lists__name=LIST).count() == 5

    page.goto(journey.url("/admin/snippets/distribution/distribution/add/"))
    journey.check(page)
    page.get_by_role("button", name="yayın seç").click()
    page.locator(".modal").get_by_role("link", name=PUBLICATION).click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator("select[name=lists]").select_option(label=LIST)
    page.locator("input[name=default_quantity]").fill("3")
    page.locator("input[name=copies_school]").fill("20")
    with page.expect_navigation():
        page.get_by_role("button", name="Kaydet").first.click()
    journey.check(page)
    distribution = Distribution.objects.get(lists__name=LIST)

    page.goto(journey.url(f"/admin/distribution/{distribution.pk}/plan/"))
    journey.check(page)
    totals = page.locator("#distribution-totals")
    # Before anything is committed: Çakmak 3 recipients (3 + 20 + 3 copies), Tepeüstü 2 (3 + 3).
    assert re.search(r"Çakmak\s+3\s+26", totals.inner_text())
    assert re.search(r"Tepeüstü\s+2\s+6", totals.inner_text())
    assert not distribution.routes.exists()
    return distribution


def route_and_print(journey, page, distribution):
    """Routes built, a courier for each, the sheets and labels printed."""
    with page.expect_navigation():
        page.get_by_role("button", name="Rotaları oluştur").click()
    journey.check(page)
    routes = list(distribution.routes.order_by("number"))
    assert [route.neighbourhood.name for route in routes] == ["Çakmak", "Tepeüstü"]
    for route, name in zip(routes, COURIER_NAMES, strict=True):
        page.get_by_label(f"{route} kuryesi").select_option(label=name)
    with page.expect_navigation():
        page.get_by_role("button", name="Kuryeleri kaydet").click()
    journey.check(page)
    assert page.get_by_text("2 rotanın kuryesi kaydedildi.").is_visible()
    assert [route.courier.get_full_name() for route in distribution.routes.order_by("number")] == COURIER_NAMES

    for route, name in zip(routes, COURIER_NAMES, strict=True):
        sheet = pdf_text(
            page.request.get(journey.url(f"/admin/distribution/{distribution.pk}/sheets.pdf?route={route.pk}"))
        )
        assert f"Kurye: {name}" in sheet, sheet
        assert f"Tarih: {distribution.date:%d.%m.%Y}" in sheet and f"Yayın: {PUBLICATION}" in sheet
        stops = [stop.recipient.name for stop in route.stops.order_by("position")]
        assert [sheet.index(stop) for stop in stops] == sorted(sheet.index(stop) for stop in stops)  # walking order
    labels = pdf_text(page.request.get(journey.url(f"/admin/distribution/{distribution.pk}/labels/?layout=3x8")))
    assert "Sevim Kaya" in labels and "Ümraniye / İstanbul" in labels
    return routes


def close(journey, page, distribution, route):
    """A signed sheet typed in, a follow-up route for "nobody there", the reports."""
    route.refresh_from_db()
    page.locator(f"a[href$='/distribution/route/{route.pk}/record/']", has_text="İmzalı listeden kaydet").click()
    page.wait_for_load_state()
    journey.check(page)
    first, second, third = route.stops.order_by("position")
    page.get_by_label(f"Sonuç: {first.recipient.name}").select_option(label="Teslim edildi")
    page.get_by_label(f"Teslim alan: {first.recipient.name}").fill("Ayten Hanım")
    page.get_by_label(f"Sonuç: {second.recipient.name}").select_option(label="Kimse yoktu")
    page.get_by_label(f"Sonuç: {third.recipient.name}").select_option(label="Teslim edildi")
    with page.expect_navigation():
        page.get_by_role("button", name="Kaydet").click()
    journey.check(page)
    assert list(route.stops.order_by("position").values_list("outcome", flat=True)) == [
        Stop.Outcome.DELIVERED,
        Stop.Outcome.NOBODY,
        Stop.Outcome.DELIVERED,
    ]

    with page.expect_navigation():
        page.get_by_role("button", name="1 durak için tekrar rotası").click()
    journey.check(page)
    again = Route.objects.get(follows=route)
    assert [stop.recipient for stop in again.stops.all()] == [second.recipient] and again.courier == route.courier

    page.goto(journey.url("/admin/distribution/reports/"))
    journey.check(page)
    delivered = first.quantity + third.quantity
    publications = page.locator("#deliveries-publications").inner_text()
    assert re.search(rf"{PUBLICATION}\s+{delivered}\b", publications), publications
    places = page.locator("#deliveries-neighbourhoods").inner_text()
    assert re.search(rf"Çakmak\s+{delivered}\s+2\b", places), places
    couriers = page.locator("#deliveries-couriers").inner_text()
    assert re.search(rf"{COURIER_NAMES[0]}\s+{delivered}\s+2\s+3\b", couriers), couriers


def test_the_post_team_plans_routes_prints_and_closes_a_distribution(journey, tmp_path):
    page = journey.open(COORDINATOR[0], width=DESKTOP)
    distribution = plan(journey, page, tmp_path)
    routes = route_and_print(journey, page, distribution)
    page.goto(journey.url(f"/admin/distribution/{distribution.pk}/plan/"))
    close(journey, page, distribution, routes[0])
