"""The suggestion box in a real browser: the keyboard alone, without JavaScript, and axe-core on every state."""

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from complaints.models import Attachment, Case
from tests.e2e.test_join import assert_no_violations, focused_text, tab_to
from tests.suggestions.conftest import jpeg_with_gps

BOX = "/oneri-kutusu/"


def open_file_chooser_with_space(page):
    """Space on the focused file input opens the chooser. Chromium now and then drops the
    first press when the whole suite has kept it busy (one CI run in dozens), so a second
    press is allowed, as a person would press again; a chooser that never opens still fails."""
    for timeout in (5000, 15000):
        try:
            with page.expect_file_chooser(timeout=timeout) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            if timeout == 15000:
                raise


def test_a_resident_sends_a_complaint_with_a_photo_using_the_keyboard_only(demo_site, page, tmp_path):
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(jpeg_with_gps((3000, 2000)))
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 41.0165, "longitude": 29.1243})
    page.goto(demo_site.url + BOX)
    for _ in range(60):  # to the radio group of kinds, past the menu's "Öneri Kutusu" link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "kind":
            break
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # Şikâyet
    assert page.get_by_label("Şikâyet").is_checked()
    tab_to(page, "Konumumu paylaş")
    page.keyboard.press("Enter")
    page.get_by_text("Konum eklendi: 41.016500, 29.124300.").wait_for()
    tab_to(page, "Mesajınız")
    page.keyboard.type("Sokağımızdaki çöp konteyneri üç gündür boşaltılmadı, koku yayılıyor.")
    tab_to(page, "Fotoğraflar")
    assert page.evaluate("document.activeElement.type") == "file"
    open_file_chooser_with_space(page).set_files(str(photo))
    page.locator("#photo-previews img").wait_for()  # previewed, and shrunk in the browser
    tab_to(page, "Ad Soyad")
    page.keyboard.type("Fatma Şahin")
    tab_to(page, "Telefon")
    page.keyboard.type("0532 765 43 21")
    tab_to(page, "E-posta adresi")
    page.keyboard.type("fatma@example.org")
    tab_to(page, "Aydınlatma metnini okudum")
    page.keyboard.press("Space")
    tab_to(page, "Gönder")
    assert focused_text(page) == "Gönder"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    case = Case.objects.get(name="Fatma Şahin")
    assert case.display_number in page.locator(".tracking-number").inner_text()
    attachment = Attachment.objects.get(case=case)
    assert max(attachment.width, attachment.height) <= 2048
    assert (str(case.latitude), str(case.longitude)) == ("41.016500", "29.124300")
    assert_no_violations(page)


def test_the_box_works_without_javascript(demo_site, page, tmp_path):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_with_gps((640, 480)))
    context = page.context.browser.new_context(java_script_enabled=False, locale="tr-TR")
    plain = context.new_page()
    plain.goto(demo_site.url + BOX)
    plain.get_by_label("Talep").check()
    plain.get_by_label("Mesajınız").fill("Parkın aydınlatması yetersiz, akşamları karanlık kalıyor.")
    plain.get_by_label("Fotoğraflar").set_input_files(str(photo))
    plain.get_by_label("Adımı ve iletişim bilgilerimi vermeden gönder").check()
    plain.get_by_label("Aydınlatma metnini okudum").check()
    with plain.expect_navigation():
        plain.get_by_role("button", name="Gönder").click()
    case = Case.objects.get(description__startswith="Parkın aydınlatması")
    assert case.anonymous and case.attachments.count() == 1
    assert case.display_number in plain.content()
    context.close()


def test_the_box_its_errors_the_confirmation_and_the_lookup_pass_axe(demo_site, page):
    page.goto(demo_site.url + BOX)
    assert_no_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gönder").click()
    assert page.locator(".form-errors li").count() >= 3
    assert_no_violations(page)

    page.goto(demo_site.url + BOX + "takip/")
    assert_no_violations(page)
    page.get_by_label("Takip numarası").fill("123 456 789")
    page.get_by_label("Güvenlik kodu").fill("0000-0000-0000")
    with page.expect_navigation():
        page.get_by_role("button", name="Durumu göster").click()
    assert "geçerli bir takip numarası değil" in page.locator(".errorlist").inner_text()
    assert_no_violations(page)

    answered = Case.objects.filter(user__email="vatandas@kentkonseyi.test", status="answered").get()
    page.get_by_label("Takip numarası").fill(answered.display_number)
    page.get_by_label("Güvenlik kodu").fill(answered.security_code)
    with page.expect_navigation():
        page.get_by_role("button", name="Durumu göster").click()
    assert "tedavisi tamamlandı" in page.content()
    assert_no_violations(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors
