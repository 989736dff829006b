"""The suggestion box's map and "Is it one of these?" in Chromium: on a phone, with the tile server unreachable
(as in every test run), and without JavaScript."""

from complaints.models import Case, Supporter
from tests.e2e.test_join import assert_no_violations

BOX = "/oneri-kutusu/"
# Beside the demo's reports on Alemdağ Caddesi in Tantavi (suggestions/demo.py).
PIN = (41.0125, 29.1235)


def block_everything_but(page, site):
    """Tiles and anything else off the site fail, as they would on a blocked network."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site) else route.abort())


def tap_the_map_at(page, latitude, longitude):
    """A tap on the pick map where the point is (the map is first centred on it)."""
    map_box = page.locator(".suggestion-form [data-map]")
    map_box.wait_for()
    page.wait_for_function("document.querySelector('.suggestion-form [data-map]').dataset.mapReady === 'true'")
    x, y = page.evaluate(
        """([lat, lon]) => {
            const map = document.querySelector('.suggestion-form [data-map]').leafletMap;
            map.setView([lat, lon], 17, {animate: false});
            const point = map.latLngToContainerPoint([lat, lon]);
            return [point.x, point.y];
        }""",
        [latitude, longitude],
    )
    map_box.click(position={"x": x, "y": y})


def test_a_resident_places_the_pin_sees_the_nearby_report_and_adds_their_voice(demo_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    block_everything_but(page, demo_site.url)
    page.goto(demo_site.url + BOX)
    page.get_by_label("Şikâyet").check()
    page.get_by_label("Konu").select_option(label="Çöp Toplama")
    tap_the_map_at(page, *PIN)
    assert abs(float(page.locator("#id_latitude").input_value()) - PIN[0]) < 0.0001
    nearby = page.locator("#nearby")
    nearby.get_by_text("Bunlardan biri mi?").wait_for()
    # The pin names its street from the known addresses (the register's, about where), and the mahalle with it.
    page.wait_for_function("document.getElementById('id_address').value === 'Alemdağ Caddesi'")
    assert page.locator("#id_neighbourhood option:checked").inner_text() == "Tantavi"
    original = Case.objects.public().get(address="Alemdağ Caddesi No: 40")
    choice = nearby.get_by_label(f"#{original.pk} bildirimine sesimi ekle")
    assert "günlerdir boşaltılmadı" in nearby.inner_text()  # the moderated public text, never the resident's own
    assert "Demo Sakin" not in page.content() and "+90532111220" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-results/box-nearby-390.png", full_page=True)
    assert_no_violations(page)

    choice.check()
    page.get_by_label("Ad Soyad").fill("Elif Arslan")
    page.locator("#id_phone").fill("0533 444 55 66")
    page.get_by_label("Aydınlatma metnini okudum").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Sesimi ekle", exact=True).click()  # the Send button, once a report is chosen
    page.get_by_role("heading", name="Sesiniz eklendi").wait_for()
    assert f"#{original.pk}" in page.content()
    supporter = Supporter.objects.get(name="Elif Arslan")
    assert supporter.case == original and supporter.phone == "+905334445566"
    assert not Case.objects.filter(name="Elif Arslan").exists()
    assert_no_violations(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def test_with_tiles_blocked_the_box_still_places_the_report_and_sends_it(demo_site, page):
    block_everything_but(page, demo_site.url)
    page.goto(demo_site.url + BOX)
    page.get_by_label("Talep").check()
    # A typed address offers the known ones; choosing one places the pin.
    page.get_by_label("Adres ya da yer").fill("Alemdağ Cad")
    offered = page.locator("#address-suggestions button").first
    offered.wait_for()
    offered.click()
    assert page.locator("#id_latitude").input_value() != ""
    tap_the_map_at(page, 41.0301, 29.1089)  # and the resident moves it
    page.get_by_label("Mesajınız").fill("Sokak lambası yanmıyor, akşamları cadde karanlık kalıyor.")
    page.get_by_label("Adımı ve iletişim bilgilerimi vermeden gönder").check()
    page.get_by_label("Aydınlatma metnini okudum").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gönder", exact=True).click()
    case = Case.objects.get(description__startswith="Sokak lambası yanmıyor")
    assert case.display_number in page.locator(".tracking-number").inner_text()
    assert (round(float(case.latitude), 4), round(float(case.longitude), 4)) == (41.0301, 29.1089)


def test_without_javascript_the_nearby_reports_are_a_second_step(demo_site, page):
    context = page.context.browser.new_context(java_script_enabled=False, locale="tr-TR")
    plain = context.new_page()
    plain.goto(demo_site.url + BOX)
    plain.get_by_label("Şikâyet").check()
    plain.get_by_label("Konu").select_option(label="Çöp Toplama")
    plain.get_by_label("Mahalle").select_option(label="Tantavi")
    plain.get_by_label("Adres ya da yer").fill("Alemdağ Cad. No: 47")
    plain.get_by_label("Mesajınız").fill("Konteyner dolu, çöpler kaldırıma taşmış durumda.")
    plain.get_by_label("Ad Soyad").fill("Can Öztürk")
    plain.get_by_label("E-posta adresi").fill("can@example.org")
    plain.get_by_label("Aydınlatma metnini okudum").check()
    with plain.expect_navigation():
        plain.get_by_role("button", name="Gönder", exact=True).click()
    assert plain.get_by_role("heading", name="Bunlardan biri mi?").is_visible()
    assert not Case.objects.filter(name="Can Öztürk").exists()
    plain.get_by_label("Hiçbiri değil: benimkini yeni bildirim olarak gönder").check()
    with plain.expect_navigation():
        plain.get_by_role("button", name="Seçimimle devam et").click()
    case = Case.objects.get(name="Can Öztürk")
    assert case.display_number in plain.content() and not case.public_consent
    context.close()


def test_when_the_script_cannot_ask_the_server_asks_and_its_second_step_passes_axe(demo_site, page):
    """The nearby look-up fails (a flaky connection): the server's own check still stops a duplicate."""
    page.route("**/yakindakiler/**", lambda route: route.abort())
    page.goto(demo_site.url + BOX)
    page.get_by_label("Şikâyet").check()
    page.get_by_label("Konu").select_option(label="Çöp Toplama")
    page.get_by_label("Mahalle").select_option(label="Tantavi")
    page.get_by_label("Adres ya da yer").fill("Alemdağ Caddesi 52")
    page.get_by_label("Mesajınız").fill("Konteynerin kapağı kırık, çöpler etrafa saçılıyor.")
    page.get_by_label("Adımı ve iletişim bilgilerimi vermeden gönder").check()
    page.get_by_label("Aydınlatma metnini okudum").check()
    assert page.locator("#nearby").is_hidden()
    with page.expect_navigation():
        page.get_by_role("button", name="Gönder", exact=True).click()
    page.get_by_role("heading", name="Bunlardan biri mi?").wait_for()
    assert not Case.objects.filter(description__startswith="Konteynerin kapağı").exists()
    assert_no_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Seçimimle devam et").click()
    assert Case.objects.filter(description__startswith="Konteynerin kapağı", anonymous=True).exists()
