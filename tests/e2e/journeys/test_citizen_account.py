"""The citizen's journeys "join an assembly" and "own data" of JOURNEYS.md, at a desktop's and a phone's width."""

import json
import re

import pytest
from django.core import mail

from accounts.models import Consent, ConsentProof, User
from assemblies.models import Membership
from complaints.models import Case
from tests.e2e.journeys.conftest import PASSWORD, WIDTHS

CITIZEN = "vatandas@kentkonseyi.test"


def last_mail_to(address):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no e-mail to {address}"
    return sent[-1]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_newcomer_joins_the_womens_assembly(journey, width):
    email = f"elif.{width}@example.org"
    page = journey.open(width=width, path="/meclisler/kadin-meclisi/")
    journey.check(page)
    page.get_by_role("link", name="Bu meclise katılın").click()

    # Signed out: the log-in page says what it is for, and sign-up keeps the reason.
    page.wait_for_url("**/accounts/login/**")
    why = "Kadın Meclisi üyeliğine başvurmak için lütfen oturum açın; hesabınız yoksa kaydolun."
    assert page.get_by_text(why).is_visible()
    journey.check(page)
    page.locator("main").get_by_role("link", name="Kaydol").click()
    page.wait_for_url("**/accounts/signup/**")
    assert page.get_by_text(why).is_visible()
    journey.check(page)
    page.get_by_label("Ad", exact=True).fill("Elif")
    page.get_by_label("Soyad").fill("Arslan")
    page.get_by_label("E-posta").fill(email)
    page.get_by_label("Parola", exact=True).fill(PASSWORD + "-Elif")
    page.get_by_label("Parola (tekrar)").fill(PASSWORD + "-Elif")
    page.get_by_label("Aydınlatma metnini okudum").check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Kaydol").click()
    journey.check(page)

    # The verification e-mail: Turkish, the council named, one word for password.
    verification = last_mail_to(email)
    assert verification.subject == "[Ümraniye Kent Konseyi] Lütfen e-posta adresinizi doğrulayın"
    assert verification.body.startswith("Ümraniye Kent Konseyi portalından merhaba!")
    assert "'ten" not in verification.body and "'i kullandığınız" not in verification.body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", verification.body).group(0)
    page.goto(link)
    journey.check(page)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Onayla").click()

    # Back at the application, signed in: the missing facts first, then the form.
    page.wait_for_url("**/meclisler/kadin-meclisi/katil/")
    journey.check(page)
    page.get_by_label("Doğum tarihi").fill("1986-04-12")
    page.get_by_label("Kadın", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Devam").click()
    journey.check(page)
    page.get_by_label("Ümraniye'de yaşıyorum").check()
    page.locator("#id_neighbourhood").select_option(label="Çakmak")
    with page.expect_navigation():
        page.get_by_role("button", name="Başvurumu gönder").click()

    # Meclislerim: the application waits for the coordinators.
    page.wait_for_url("**/accounts/assemblies/")
    journey.check(page)
    row = page.locator("tr", has_text="Kadın Meclisi")
    assert "Koordinatörlerin kararını bekliyor" in row.inner_text()
    membership = Membership.objects.get(user__email=email)
    assert membership.state == Membership.State.APPLIED and membership.neighbourhood.name == "Çakmak"
    application = last_mail_to(email)
    assert application.subject == "[Ümraniye Kent Konseyi] Kadın Meclisi başvurunuzu aldık"
    assert "Ümraniye Kent Konseyi" in application.body and "/accounts/assemblies/" in application.body


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_downloads_her_data_withdraws_consent_and_deletes_her_account(journey, width):
    citizen = User.objects.get(email=CITIZEN)
    cases = list(Case.objects.filter(user=citizen).values_list("pk", flat=True))
    assemblies = {membership.assembly.title for membership in Membership.objects.filter(user=citizen)}
    assert cases and assemblies  # the demo citizen has sent applications and joined assemblies
    page = journey.open(width=width)
    journey.sign_in(page, CITIZEN, next_path="/accounts/profile/")
    journey.check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Portalın sizinle ilgili tuttuğu tüm verileri indirin (JSON)").click()
    with open(download.value.path(), encoding="utf-8") as downloaded:
        data = json.load(downloaded)
    assert data["account"]["email"] == CITIZEN
    assert {item["assembly"] for item in data["assembly_memberships"]} == assemblies
    assert len(data["cases"]) == len(cases) and data["consents"]

    consents = page.locator("tr", has_text="Açık Rıza")
    with page.expect_navigation():
        consents.get_by_role("button", name="Onayımı geri çek").first.click()
    assert page.get_by_text("Açık rızanızı geri çektiniz.").is_visible()
    journey.check(page)
    assert Consent.objects.filter(user=citizen, kind=Consent.Kind.EXPLICIT_CONSENT, withdrawn_at__isnull=False)
    # Withdrawn, not gone: she can give it again without a new account.
    assert page.get_by_role("button", name="Yeniden onay ver").is_visible()

    page.get_by_role("link", name="Hesabımı sil").click()
    journey.check(page)
    # Said plainly: what goes, and what the law keeps.
    assert page.get_by_text("belediyenin kanunen saklaması gereken resmî kayıtlardır").is_visible()
    page.get_by_label("Parolanız").fill(PASSWORD)
    page.get_by_label("Hesabımın ve kişisel verilerimin kalıcı olarak silineceğini anlıyorum.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Hesabımı kalıcı olarak sil").click()
    journey.check(page)

    assert not User.objects.filter(email=CITIZEN).exists()
    assert not Membership.objects.filter(user_id=citizen.pk).exists()
    assert not Consent.objects.filter(user_id=citizen.pk).exists()
    # Only a pseudonymised proof of what she consented to stays, found by her address.
    proofs = ConsentProof.objects.filter(subject=ConsentProof.subject_for(CITIZEN))
    assert proofs.filter(kind=Consent.Kind.EXPLICIT_CONSENT, withdrawn_at__isnull=False).exists()
    # What the law keeps: her applications to the municipality, no longer tied to an account.
    kept = Case.objects.filter(pk__in=cases)
    assert kept.count() == len(cases) and not kept.filter(user__isnull=False).exists()
