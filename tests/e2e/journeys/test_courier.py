"""A courier of Çözüm Postası on a phone (390 px): log in, today's routes, a route, each stop marked.

From JOURNEYS.md: the log-in leads to today's routes; on a route every stop is marked (delivered,
nobody there, refused, not found), each saved at once; finished stops fold away; one tap calls the
recipient or opens the address in a map.
"""

import io
import json
import re

from django.utils import timezone
from pypdf import PdfReader

from distribution import planning
from distribution.demo import COORDINATOR, COURIERS
from distribution.models import Distribution, Recipient, Stop
from tests.e2e.journeys.conftest import DESKTOP, PASSWORD, PHONE

OUTCOMES = [  # what the courier meets at the stops, in walking order
    ("Teslim edildi", Stop.Outcome.DELIVERED),
    ("Kimse yoktu", Stop.Outcome.NOBODY),
    ("Kabul edilmedi", Stop.Outcome.REFUSED),
    ("Adres bulunamadı", Stop.Outcome.NOT_FOUND),
    ("Teslim edildi", Stop.Outcome.DELIVERED),
]


def todays_routes():
    """What the post team did before (their own journey test walks it): routes for today, each with a courier."""
    from django.contrib.auth import get_user_model

    distribution = Distribution.objects.get(publication__title="Ümraniye Kültür Bülteni")
    Distribution.objects.filter(pk=distribution.pk).update(date=timezone.localdate())
    routes = list(planning.build_routes(distribution).order_by("number"))
    users = get_user_model().objects
    mine, theirs = routes[0], routes[1]
    mine.courier = users.get(email=COURIERS[0][0])
    theirs.courier = users.get(email=COURIERS[1][0])
    mine.save()
    theirs.save()
    Recipient.objects.filter(stops__route=mine).update(phone="0216 443 22 11")
    return mine, theirs


def is_open(item):
    return item.locator("details").evaluate("details => details.open")


def test_a_courier_walks_todays_route_on_a_phone(journey):
    mine, theirs = todays_routes()
    phone = journey.open(width=PHONE)
    phone.goto(journey.url("/accounts/login/"))
    phone.get_by_label("E-posta").fill(COURIERS[0][0])
    phone.get_by_label("Parola").fill(PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Oturum aç", exact=True).click()
    assert phone.url == journey.url("/cozum-postasi/")  # the log-in leads to today's routes
    journey.check(phone)
    assert phone.get_by_role("heading", name="Bugünkü rotalarım", level=1).is_visible()
    today = phone.locator("section", has=phone.get_by_role("heading", name="Bugün", exact=True))
    card = today.get_by_role("link", name=re.compile(re.escape(str(mine))))
    stops = list(mine.stops.select_related("recipient").order_by("position"))
    assert f"{len(stops)} duraktan 0 tanesi kaydedildi" in card.inner_text()
    assert phone.locator(f"a[href$='/rota/{theirs.token}/']").count() == 0  # another courier's route

    card.click()
    phone.wait_for_load_state()
    journey.check(phone)
    assert phone.get_by_role("heading", name=str(mine), level=1).is_visible()
    for number, (stop, (label, outcome)) in enumerate(zip(stops, OUTCOMES, strict=False), start=1):
        item = phone.locator(f"#stop-{stop.pk}")
        assert is_open(item)
        # One tap to call, one to open the address in the phone's map.
        assert item.get_by_role("link", name="Ara: 0216 443 22 11").get_attribute("href") == "tel:02164432211"
        assert (
            item.get_by_role("link", name=re.compile("Haritada aç"))
            .get_attribute("href")
            .startswith("https://www.google.com/maps/search/?api=1&query=")
        )
        item.get_by_label(label, exact=True).check()
        if outcome == Stop.Outcome.DELIVERED:
            item.get_by_label("Teslim alan").fill("Şükrü Bey")
        with phone.expect_navigation():
            item.get_by_role("button", name=re.compile("için kaydet")).click()
        journey.check(phone)
        stop.refresh_from_db()
        assert (stop.outcome, stop.recorded_at is not None) == (outcome, True)  # saved at once, stop by stop
        assert not is_open(phone.locator(f"#stop-{stop.pk}"))  # folded away
        assert f"{len(stops)} duraktan {number} tanesi kaydedildi" in phone.locator("#route-progress").inner_text()
    assert Stop.objects.filter(route=mine, received_by="Şükrü Bey").count() == 2

    phone.get_by_role("link", name="Bugünkü rotalarım").click()
    phone.wait_for_load_state()
    journey.check(phone)
    card = phone.get_by_role("link", name=re.compile(re.escape(str(mine))))
    assert f"{len(stops)} duraktan {len(stops)} tanesi kaydedildi" in card.inner_text() and "Bitti" in card.inner_text()

    # At a desk the courier's admin dashboard shows the same routes.
    desk = journey.open(COURIERS[0][0], width=DESKTOP, path="/admin/")
    journey.check(desk)
    panel = desk.locator("#my-routes-section")
    assert str(mine) in panel.inner_text() and str(theirs) not in panel.inner_text()


# A phone whose browser reads barcodes (Chrome on Android): BarcodeDetector and a camera, stood in for here by
# a detector that reads `code` at its third look and a grey picture drawn on a canvas.
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static getSupportedFormats() { return Promise.resolve(["code_128", "qr_code"]); }
  detect() { window.looks = (window.looks || 0) + 1; return Promise.resolve(window.looks > 2 ? [{rawValue: CODE}] : []); }
};
navigator.mediaDevices.getUserMedia = () => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, canvas.width, canvas.height);
  return Promise.resolve(canvas.captureStream(5));
};
"""


def printed_codes(journey, route):
    """The stops' codes as the route sheet prints them under their barcodes (the post team prints the sheet)."""
    desk = journey.open(COORDINATOR[0], width=DESKTOP)
    url = journey.url(f"/admin/distribution/{route.distribution_id}/sheets.pdf?route={route.pk}")
    pages = PdfReader(io.BytesIO(desk.request.get(url).body())).pages
    return re.findall(r"^\s*(R\d+-S\d+)\s*$", "\n".join(page.extract_text() for page in pages), re.MULTILINE)


def test_a_courier_finds_a_stop_by_the_code_on_the_sheet_and_records_it(journey):
    mine, _theirs = todays_routes()
    stops = list(mine.stops.select_related("recipient").order_by("position"))
    codes = printed_codes(journey, mine)
    assert len(codes) == len(stops)
    wanted = stops[3]  # the courier is at the fourth door, not the first

    phone = journey.open(COURIERS[0][0], width=PHONE, path=f"/cozum-postasi/rota/{mine.token}/")
    journey.check(phone)
    field = phone.get_by_label("Kodu okutun ya da yazın")
    assert field.is_visible()

    # A mistyped code: said plainly, and what was typed stays to be corrected.
    field.fill(codes[3] + "9")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Durağı bul").click()
    journey.check(phone)
    assert phone.get_by_role("alert").inner_text() == (
        f"“{codes[3]}9” bu rotadaki hiçbir durağın kodu değil. Kodu yeniden okutun ya da yazın."
    )
    field = phone.get_by_label("Kodu okutun ya da yazın")
    assert field.input_value() == codes[3] + "9"

    field.fill(codes[3].lower())
    with phone.expect_navigation():
        field.press("Enter")
    journey.check(phone)
    assert phone.url.endswith(f"#stop-{wanted.pk}")
    item = phone.locator(f"#stop-{wanted.pk}")
    assert is_open(item) and f"{codes[3]} kodlu durak bu." in item.inner_text()
    assert 0 <= item.bounding_box()["y"] < 100  # the stop found is at the top of the screen, not somewhere below
    item.get_by_label("Teslim edildi", exact=True).check()
    item.get_by_label("Teslim alan").fill("Nermin Hanım")
    with phone.expect_navigation():
        item.get_by_role("button", name=re.compile("için kaydet")).click()
    journey.check(phone)
    wanted.refresh_from_db()
    assert (wanted.outcome, wanted.received_by) == (Stop.Outcome.DELIVERED, "Nermin Hanım")
    assert f"{len(stops)} duraktan 1 tanesi kaydedildi" in phone.locator("#route-progress").inner_text()

    # Where the phone's browser reads barcodes, the camera finds the stop without typing.
    camera = journey.open(COURIERS[0][0], width=PHONE)
    camera.add_init_script(FAKE_CAMERA.replace("CODE", json.dumps(codes[4])))
    camera.goto(journey.url(f"/cozum-postasi/rota/{mine.token}/"))
    with camera.expect_navigation():
        camera.get_by_role("button", name="Kamerayla okut").click()
    journey.check(camera)
    assert camera.url.endswith(f"#stop-{stops[4].pk}") and is_open(camera.locator(f"#stop-{stops[4].pk}"))
