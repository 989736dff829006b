"""Public reports in Chromium: a resident says "not fixed" from the link in their message at 390 px, and the
public list and a report's page work with their maps when tiles cannot load."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from complaints import cases, feedback
from complaints.models import Case, CaseEvent, Channel, Directorate, Topic
from places.models import Neighbourhood
from publicreports import reports
from tests.e2e.test_accessibility import WCAG_AA
from tests.e2e.test_join import assert_no_violations
from tests.e2e.test_maps import block_tiles


def assert_no_violations_but_crowded_markers(page):
    """axe-core on the whole page, and on the page without the map's markers for the target size (WCAG 2.5.8):
    markers of nearby reports overlap, and each one's report is also a link of its own in the list below, the
    criterion's "equivalent control" exception."""
    page.wait_for_load_state()
    results = Axe().run(page, context={"exclude": [["[data-map] .leaflet-marker-icon"]]}, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    everything = Axe().run(page, options=WCAG_AA)
    others = [rule["id"] for rule in everything.response["violations"] if rule["id"] != "target-size"]
    assert not others, everything.generate_report()


def test_a_resident_says_it_is_not_fixed_from_the_link_on_a_phone(demo_site, page):
    works = Directorate.objects.get(name="Fen İşleri Müdürlüğü")
    case = cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=Case.Kind.COMPLAINT,
        topic=Topic.objects.get(name="Asfalt Onarımı"),
        neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
        description="Okul önündeki çukur büyüdü.",
        name="Hülya Çukursever",
        phone="+905321112233",
        email="hulya@example.org",
        reply_by=Case.ReplyBy.SMS,
        directorate=works,
        public_consent=True,
        notify=False,
    )
    cases.answer(case, "Çukur asfaltlandı.")
    case.refresh_from_db()
    link = demo_site.url + f"/bildirimler/cozuldu-mu/{feedback.token(case)}/"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    assert page.get_by_role("heading", name="Sorun çözüldü mü?", level=1).is_visible()
    assert "Çukur asfaltlandı." in page.locator(".case-answer").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_violations(page)

    page.get_by_label("Sorun hâlâ ne?").fill("Yağmurdan sonra çukur yine açıldı.")
    page.get_by_role("button", name="Hayır, başvurumu yeniden açın").click()
    page.wait_for_load_state()
    assert "yeniden açıldı" in page.locator(".messages").inner_text()
    assert "Fen İşleri Müdürlüğü" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_violations(page)

    case.refresh_from_db()
    assert case.status == Case.Status.ROUTED and case.directorate == works and case.reopen_count == 1
    reopened = case.events.get(action=CaseEvent.Action.REOPENED)
    assert reopened.message == "Yağmurdan sonra çukur yine açıldı."

    # The same link again: said politely, and no form to send twice.
    page.goto(link)
    assert "Sorunun çözülmediğini bildirdiniz" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Hayır, başvurumu yeniden açın").count() == 0


@pytest.mark.parametrize("width", [390, 1280])
def test_the_public_list_and_a_report_work_with_tiles_blocked(demo_site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    outside = block_tiles(page)
    page.goto(demo_site.url + "/bildirimler/")
    assert page.get_by_role("heading", name="Vatandaş bildirimleri", level=1).is_visible()
    rows = page.locator(".report-card")
    assert rows.count() == 20
    page.wait_for_function("document.querySelector('[data-map]').dataset.mapReady === 'true'")
    markers = page.locator("[data-map] .leaflet-marker-icon")
    assert markers.count() >= 15
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_violations_but_crowded_markers(page)

    page.get_by_label("Mahalle").select_option(label="Çakmak")
    page.get_by_role("button", name="Göster").click()
    page.wait_for_load_state()
    assert "mahalle=cakmak" in page.url
    for text in page.locator(".report-card__meta").all_inner_texts():
        assert "Çakmak" in text

    first = reports.public_cases().exclude(latitude=None).order_by("-received_at", "-pk").first()
    page.goto(demo_site.url + f"/bildirimler/{first.pk}/")
    page.wait_for_function("document.querySelector('[data-map]').dataset.mapReady === 'true'")
    assert page.locator("[data-map] .leaflet-marker-icon").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_violations(page)
    assert not outside, outside
