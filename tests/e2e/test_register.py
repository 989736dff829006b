"""The register end to end: a resident's suggestion answered by a directorate, a phone case registered and routed."""

import re

from django.core import mail

from complaints.models import Case
from tests.e2e.test_join import assert_no_violations
from tests.suggestions.conftest import jpeg_with_gps

PASSWORD = "kent-konseyi-demo"


def sign_in(page, base, email):
    page.goto(base + "/accounts/login/?next=/admin/")
    page.get_by_label("E-posta").fill(email)
    page.get_by_label("Parola").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Oturum aç", exact=True).click()


def test_a_suggestion_is_answered_by_its_directorate_and_the_resident_reads_the_answer(demo_site, page, tmp_path):
    base = demo_site.url
    photo = tmp_path / "cukur.jpg"
    photo.write_bytes(jpeg_with_gps((1200, 900)))
    page.goto(base + "/oneri-kutusu/")
    page.get_by_label("Talep").check()
    page.get_by_label("Konu").select_option(label="Asfalt Onarımı")
    page.get_by_label("Mesajınız").fill("Okul önündeki çukur her yağmurda göle dönüyor, onarılmasını rica ederim.")
    page.get_by_label("Fotoğraflar").set_input_files(str(photo))
    page.get_by_label("Ad Soyad").fill("Kerem Aksoy")
    page.locator("#id_phone").fill("0544 321 09 87")
    page.get_by_label("E-posta adresi").fill("kerem@example.org")
    page.get_by_label("Aydınlatma metnini okudum").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gönder").click()
    number = page.locator(".tracking-number").inner_text().strip()
    code = page.locator(".security-code").inner_text().strip()
    assert any(number in message.body for message in mail.outbox)
    case = Case.objects.get(name="Kerem Aksoy")
    assert case.directorate.name == "Fen İşleri Müdürlüğü"

    page.context.clear_cookies()
    sign_in(page, base, "fen@kentkonseyi.test")
    page.goto(base + "/admin/cases/?q=" + number.replace(" ", ""))
    with page.expect_navigation():
        page.get_by_role("link", name=number).first.click()
    page.get_by_label("Vatandaşa yanıt").fill("Çukur 24 Kasım'da asfaltla kapatıldı. İlginiz için teşekkür ederiz.")
    with page.expect_navigation():
        page.get_by_role("button", name="Yanıtı kaydet ve bildir").click()
    assert "Yanıt kaydedildi" in page.content()
    assert any("asfaltla kapatıldı" in message.body for message in mail.outbox if message.to == ["kerem@example.org"])

    page.context.clear_cookies()
    page.goto(base + "/oneri-kutusu/takip/")
    page.get_by_label("Takip numarası").fill(number)
    # The security code from the confirmation page (also in the SMS and e-mail).
    page.get_by_label("Güvenlik kodu").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Durumu göster").click()
    assert "asfaltla kapatıldı" in page.content()
    assert "Yanıtlandı" in page.content()
    assert_no_violations(page)


def test_the_call_centre_registers_a_phone_case_and_routes_it(demo_site, page):
    base = demo_site.url
    sign_in(page, base, "cozummerkezi@kentkonseyi.test")
    page.goto(base + "/admin/cases/add/")
    page.locator("#id_channel").select_option("phone")
    page.locator("#id_kind").select_option("complaint")
    page.locator("#id_description").fill("Arayan vatandaş parktaki köpeklerin çocuklara saldırdığını bildirdi.")
    page.locator("#id_name").fill("Sibel Güneş")
    page.locator("#id_phone").fill("0535 123 44 55")
    page.locator("#id_informed").check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Kaydet|Oluştur")).first.click()
    case = Case.objects.get(name="Sibel Güneş")
    assert case.display_number in page.content()
    assert case.status == Case.Status.RECEIVED
    page.get_by_label("Müdürlüğe yönlendir").select_option(label="Veteriner İşleri Müdürlüğü")
    with page.expect_navigation():
        page.get_by_role("button", name="Yönlendir", exact=True).click()
    case.refresh_from_db()
    assert (case.directorate.name, case.status) == ("Veteriner İşleri Müdürlüğü", Case.Status.ROUTED)
    assert "Veteriner İşleri Müdürlüğü birimine yönlendirildi" in page.content()
