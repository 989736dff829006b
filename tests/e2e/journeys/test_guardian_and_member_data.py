"""A child's guardian confirms by e-mail and the coordinator then approves; a roster member without an
account gets their data by e-mail (JOURNEYS.md, KVKK).

The child applies on a phone; the guardian's link comes from the outbox; the Çocuk Meclisi's coordinator
sees "Veli onayı: <date>" in the queue and approves. A member imported from a paper roster asks for their
data on a phone, opens the e-mailed link and downloads it.
"""

import json
import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import dateformat, timezone, translation

from accounts.models import User
from assemblies.models import Membership
from places.models import Neighbourhood
from tests.e2e.journeys.conftest import DESKTOP, PASSWORD, PHONE

COORDINATOR = "cocuk@kentkonseyi.test"
GUARDIAN = "derya.veli@example.org"


def link_in(address):
    message = next(message for message in reversed(mail.outbox) if message.to == [address])
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def a_child():
    today = timezone.localdate()
    child = User.objects.create_user(
        email="ela.yildiz@example.org",
        password=PASSWORD,
        first_name="Ela",
        last_name="Yıldız",
        birth_date=today.replace(year=today.year - 11),
        gender="female",
        neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
    )
    EmailAddress.objects.create(user=child, email=child.email, verified=True, primary=True)
    return child


def test_a_guardian_confirms_and_the_coordinator_approves(journey):
    child = a_child()

    # The child applies on a phone: the form asks for the guardian's e-mail, not for a box to tick.
    page = journey.open(child.email, PHONE, path="/meclisler/cocuk-meclisi/katil/")
    journey.check(page)
    assert page.get_by_label("Veli ya da vasinin e-postası").is_visible()
    page.get_by_label("Ümraniye'de yaşıyorum").check()
    page.get_by_label("Yaşadığınız mahalle").select_option(label="Çakmak")
    page.get_by_label("Veli ya da vasinin adı soyadı").fill("Derya Yıldız")
    page.get_by_label("Size yakınlığı").fill("Anne")
    page.get_by_label("Veli ya da vasinin telefonu").fill("0533 222 33 44")
    page.get_by_label("Veli ya da vasinin e-postası").fill(GUARDIAN)
    mail.outbox.clear()
    page.get_by_role("button", name="Başvurumu gönder").click()
    journey.check(page)
    membership = Membership.objects.get(user=child)
    assert membership.awaits_guardian

    # The coordinator's queue says the guardian has not confirmed, and offers no approval yet.
    admin = journey.open(COORDINATOR, DESKTOP, path="/admin/members/pending/")
    journey.check(admin)
    row = admin.locator("tbody tr", has_text="Ela Yıldız")
    assert "Veli onayı bekleniyor" in row.inner_text()
    assert not row.get_by_role("link", name="Onayla", exact=True).count()

    # The guardian opens the e-mailed link on a phone, reads what is kept and confirms.
    guardian = journey.open(None, PHONE, path=link_in(GUARDIAN))
    journey.check(guardian)
    text = guardian.locator("main").inner_text()
    assert "Ela Yıldız" in text and "Çocuk Meclisi" in text and "Konseyin sakladığı bilgiler" in text
    guardian.get_by_role("button", name="Onaylıyorum").click()
    journey.check(guardian)
    assert "onayladınız" in guardian.locator("main").inner_text()

    # The coordinator sees when, and approves.
    membership.refresh_from_db()
    with translation.override("tr"):
        day = dateformat.format(timezone.localtime(membership.guardian_consent_at), "j F Y")
    admin.reload()
    journey.check(admin)
    row = admin.locator("tbody tr", has_text="Ela Yıldız")
    assert f"Veli onayı: {day}" in row.inner_text()
    row.get_by_role("checkbox").check()
    admin.get_by_role("button", name="İşaretlileri onayla").click()
    journey.check(admin)
    membership.refresh_from_db()
    assert membership.state == Membership.State.APPROVED


def test_a_roster_member_without_an_account_gets_their_data(journey):
    member = Membership.objects.filter(user__isnull=True, state="approved").exclude(email="").first()

    # From the KVKK information notice to the request, on a phone.
    page = journey.open(None, PHONE, path="/kvkk-aydinlatma-metni/")
    journey.check(page)
    page.get_by_role("link", name="Hesabı olmayan üyeler: verilerinizi isteyin").click()
    journey.check(page)
    page.get_by_label("Üyelik kaydınızdaki e-posta adresi").fill(member.email)
    mail.outbox.clear()
    page.get_by_role("button", name="Bağlantıyı gönder").click()
    journey.check(page)
    assert "bağlantı gönderdik" in page.locator("main").inner_text()

    # The e-mailed link shows the record and downloads it.
    page.goto(journey.url(link_in(member.email)))
    journey.check(page)
    assert member.full_name in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Verilerimi indir").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [item["email"] for item in data["assembly_memberships"]] == [member.email]

    # At 1280 px too; then the member erases the record.
    wide = journey.open(None, DESKTOP, path=link_in(member.email))
    journey.check(wide)
    wide.get_by_label("Üyelik kayıtlarımın kalıcı olarak silineceğini").check()
    wide.get_by_role("button", name="Üyelik verilerimi sil").click()
    journey.check(wide)
    assert not Membership.objects.filter(pk=member.pk).exists()
