"""The demo of the hand-off: a resident's case travels to the (fake) municipal system and its answer comes back."""

import time

from complaints.fake_system import FakeComplaintSystem
from complaints.models import Case, Delivery


def test_a_case_travels_to_the_municipal_system_and_its_answer_comes_back(demo_site, page, settings):
    system = FakeComplaintSystem(demo_site.url, "demo-gizli", port=0, answer_after=1.0, log=lambda _line: None)
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
        # Read at once: the far side answers only a second later. While its answer is being
        # written, the test reads nothing from the database (on SQLite the live server and the
        # test share an in-memory database whose table locks do not wait), and watches as the
        # resident does: through the tracking page.
        case = Case.objects.get(name="Can Yurt")
        delivery = Delivery.objects.get(case=case)
        assert delivery.status == Delivery.Status.DELIVERED and delivery.remote_reference.startswith("CM-")
        page.goto(demo_site.url + "/oneri-kutusu/takip/")
        page.get_by_label("Takip numarası").fill(case.tracking_number)
        page.get_by_label("Güvenlik kodu").fill(case.security_code)
        with page.expect_navigation():
            page.get_by_role("button", name="Durumu göster").click()
        link = f"{demo_site.url}/oneri-kutusu/takip/?no={case.tracking_number}&kod={case.security_code}"
        for _ in range(15):  # the resident looks again with the link they were sent
            if "gereği yapıldı" in page.content():
                break
            time.sleep(0.3)
            page.goto(link)
        assert "gereği yapıldı" in page.content()
        case.refresh_from_db()
        assert case.status == Case.Status.ANSWERED
    finally:
        system.stop()
