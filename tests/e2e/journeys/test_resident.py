"""The resident's journeys "send" and "follow" of JOURNEYS.md (the suggestion box), at a desktop's and a phone's width."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from complaints import tracking
from complaints.models import Attachment, Case
from tests.e2e.journeys.conftest import WIDTHS

PHOTOS_AGAIN = "Form düzeltilmesi gerektiği için fotoğraflarınız saklanmadı: lütfen yeniden seçin."
NOT_FOUND = "Bu bilgilerle eşleşen bir başvuru bulunamadı."


def photo():
    """A small JPEG, as a phone would send it."""
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 60)).save(buffer, "JPEG")
    return {"name": "IMG_0412.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def look_up(page, number, code):
    page.get_by_label("Takip numarası").fill(number)
    page.get_by_label("Güvenlik kodu").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Durumu göster").click()
    return page.locator("main").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_resident_sends_a_complaint_with_a_photo_then_follows_it(journey, width):
    email = f"fatma.{width}@example.org"
    page = journey.open(width=width, path="/oneri-kutusu/")
    journey.check(page)
    # The labels tell the truth about name and contact.
    assert "adsız göndermiyorsanız zorunlu" in page.locator("label[for=id_name]").inner_text()

    page.locator("label[for=id_kind_2]").click()  # Şikâyet
    page.get_by_label("Konu").select_option(label="Çöp Toplama")
    page.get_by_label("Mahalle").select_option(label="Tantavi")
    page.get_by_label("Adres ya da yer").fill("Alemdağ Caddesi, 112 numaranın önü")
    page.get_by_label("Mesajınız").fill("Çöp")  # too short: the form comes back
    page.get_by_label("Fotoğraflar").set_input_files([photo()])
    page.locator("#id_name").fill("Fatma Şahin")
    page.locator("#id_phone").fill("0532 765 43 21")
    page.locator("#id_email").fill(email)
    page.get_by_label("Aydınlatma metnini okudum").check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Gönder").click()

    # Back with a mistake: the photo is asked for again at its own field, the rest is kept.
    journey.check(page)
    photos_field = page.locator(".field", has=page.locator("#id_photos"))
    assert PHOTOS_AGAIN in photos_field.inner_text()
    assert page.locator("#id_name").input_value() == "Fatma Şahin"
    page.get_by_label("Mesajınız").fill("Sokağımızdaki çöp konteyneri iki gündür boşaltılmadı, koku yayılıyor.")
    page.get_by_label("Fotoğraflar").set_input_files([photo()])
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Gönder").click()

    # The tracking number on screen and by e-mail; the photo kept.
    page.wait_for_url("**/oneri-kutusu/gonderildi/")
    journey.check(page)
    number = page.locator(".tracking-number").inner_text()
    case = Case.objects.get(email=email)
    assert number == case.display_number and re.fullmatch(r"\d{3} \d{3} \d{3}", number)
    assert Attachment.objects.filter(case=case).count() == 1
    sent = [message for message in mail.outbox if email in message.to]
    assert sent and number in sent[-1].body and sent[-1].subject.startswith("[Ümraniye Kent Konseyi]")

    # Follow: the confirmation's link opens the case at once; the number and the security code typed do too.
    code = page.locator(".security-code").inner_text()
    assert code == case.security_code and code in sent[-1].body
    with page.expect_navigation():
        page.get_by_role("link", name="Başvurunuzu takip edin").click()
    journey.check(page)
    found = page.locator("main").inner_text()
    assert number in found and case.get_status_display() in found and NOT_FOUND not in found
    page.get_by_role("link", name="Başka bir başvuruyu sorgulayın").click()
    page.wait_for_load_state()
    found = look_up(page, number, code.lower())
    journey.check(page)
    assert number in found and case.get_status_display() in found and NOT_FOUND not in found

    # A wrong number and a right number with the wrong phone get the same answer.
    digits = case.tracking_number
    other = next(
        candidate
        for candidate in (
            f"{body}{tracking.check_digit(body)}" for body in (str(int(digits[:8]) + n) for n in range(1, 50))
        )
        if not Case.objects.filter(tracking_number=candidate).exists()
    )
    page.get_by_role("link", name="Başka bir başvuruyu sorgulayın").click()
    page.wait_for_load_state()
    missing = look_up(page, other, code)
    journey.check(page)
    wrong_phone = look_up(page, number, "0000-0000-0000")
    assert NOT_FOUND in missing and NOT_FOUND in wrong_phone
    assert missing.split(NOT_FOUND)[1].split("\n")[0] == wrong_phone.split(NOT_FOUND)[1].split("\n")[0]
    assert case.get_status_display() not in wrong_phone.split(NOT_FOUND)[1]
