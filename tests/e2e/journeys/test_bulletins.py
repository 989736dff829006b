"""Bulletins in Chromium, on the demo council: the Kadın Meclisi's coordinator writes one, sees exactly how many
members it will reach and how it reads, sends it and follows its delivery; a member chooses on their phone
whether to receive bulletins; a recipient unsubscribes from the link in the e-mail without signing in.
"""

import re

import pytest
from django.core import mail

from assemblies.models import AssemblyPage, Membership
from council import bulletins
from council.models import Bulletin, BulletinConsent
from tests.e2e.journeys.conftest import DESKTOP, PHONE, WIDTHS

COORDINATOR = "kadin@kentkonseyi.test"
MEMBER = "vatandas@kentkonseyi.test"
SUBJECT = "Kadın üreticiler pazarı için gönüllü çağrısı"


def settle(journey, page):
    """The journey's checks once Wagtail's messages have faded in (half-way, their colours fail contrast)."""
    if page.locator(".messages li").count():
        page.wait_for_timeout(1000)
    journey.check(page)


def test_coordinator_sends_a_bulletin_to_exactly_the_members_who_agreed_and_one_unsubscribes(journey):
    kadin = AssemblyPage.objects.get(slug="kadin-meclisi", locale__language_code="tr")
    agreed = set(bulletins.consenting_members(kadin).values_list("email", flat=True))
    assert agreed

    page = journey.open(COORDINATOR, DESKTOP, path="/admin/council/bulletins/new/")
    settle(journey, page)
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_text").fill("Merhaba,\n\nPazar için gönüllü arıyoruz.\n\nKadın Meclisi")
    page.locator("button[type=submit]").filter(has_text="Oluştur").first.click()
    page.wait_for_load_state()
    settle(journey, page)
    assert f"Bu bülten {len(agreed)} üyeye gidecek." in page.locator("main").inner_text()
    assert "Pazar için gönüllü arıyoruz." in page.locator("main").inner_text()

    mail.outbox.clear()
    page.get_by_role("button", name=f"{len(agreed)} üyeye gönder").click()
    page.wait_for_load_state()
    settle(journey, page)
    bulletin = Bulletin.objects.get(subject=SUBJECT)
    assert bulletin.state == Bulletin.State.SENT
    assert {message.to[0] for message in mail.outbox} == agreed
    assert "Düzenle" not in page.locator("main").get_by_role("link").all_inner_texts()
    page.get_by_role("link", name="Tüm bültenler").click()
    page.wait_for_load_state()
    settle(journey, page)
    assert SUBJECT in page.locator("main").inner_text()
    page.goto(journey.url("/admin/council/bulletins/paper-consent/"))
    settle(journey, page)

    # A recipient opens the link of the e-mail on their phone, without signing in, and confirms.
    message = mail.outbox[0]
    link = re.search(r"<(https?://[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    path = "/" + link.split("/", 3)[3]
    phone = journey.open(width=PHONE, path=path)
    journey.check(phone)
    phone.get_by_role("button", name="Abonelikten çık").click()
    phone.wait_for_load_state()
    journey.check(phone)
    assert "Abonelikten çıkıldı" in phone.locator("h1").inner_text() or phone.locator("[role=status]").count()
    member = Membership.objects.get(assembly=kadin, email=message.to[0])
    assert not BulletinConsent.objects.get(membership=member).active
    assert message.to[0] not in set(bulletins.consenting_members(kadin).values_list("email", flat=True))


@pytest.mark.parametrize("width", WIDTHS)
def test_member_chooses_whether_to_receive_bulletins(journey, width):
    page = journey.open(MEMBER, width, path="/accounts/profile/")
    page.locator("main").get_by_role("link", name="Bülten tercihlerim").click()
    page.wait_for_load_state()
    journey.check(page)
    membership = Membership.objects.get(user__email=MEMBER, assembly__slug="kadin-meclisi")
    BulletinConsent.objects.filter(membership=membership).delete()
    page.reload()
    page.get_by_role("button", name=re.compile("Kabul ediyorum")).click()
    page.wait_for_load_state()
    journey.check(page)
    assert BulletinConsent.objects.get(membership=membership).active
    page.get_by_role("button", name=re.compile("Bülten almayı bırak")).click()
    page.wait_for_load_state()
    journey.check(page)
    assert not BulletinConsent.objects.get(membership=membership).active
