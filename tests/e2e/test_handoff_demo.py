"""The demo of the hand-off: a resident's case travels to the (fake) municipal system and its answer comes back."""

import time

from complaints.fake_system import FakeComplaintSystem
from complaints.models import Case, Delivery


def test_a_case_travels_to_the_municipal_system_and_its_answer_comes_back(demo_site, page, settings):
    system = FakeComplaintSystem(demo_site.url, "demo-gizli", port=0, answer_after=0.5, log=lambda _line: None)
    system.start()
    settings.COMPLAINTS_HANDOFF = {"connector": "webhook", "url": system.url, "secret": "demo-gizli", "timeout": 5}
    try:
        page.goto(demo_site.url + "/oneri-kutusu/")
        page.get_by_label("Öneri", exact=True).check()
        page.get_by_label("Mesajınız").fill("Parka bisiklet park yeri konulmasını öneriyorum.")
        page.get_by_label("Ad Soyad").fill("Can Yurt")
        page.locator("#id_email").fill("can@example.org")
        page.get_by_label("Aydınlatma metnini okudum").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Gönder").click()
        case = Case.objects.get(name="Can Yurt")
        delivery = Delivery.objects.get(case=case)
        assert delivery.status == Delivery.Status.DELIVERED and delivery.remote_reference.startswith("CM-")
        for _ in range(50):  # the far side answers half a second later
            case.refresh_from_db()
            if case.public_answer:
                break
            time.sleep(0.1)
        assert case.status == Case.Status.ANSWERED
        page.goto(demo_site.url + "/oneri-kutusu/takip/")
        page.get_by_label("Takip numarası").fill(case.tracking_number)
        page.get_by_label("Güvenlik kodu").fill(case.security_code)
        with page.expect_navigation():
            page.get_by_role("button", name="Durumu göster").click()
        assert "gereği yapıldı" in page.content()
    finally:
        system.stop()
