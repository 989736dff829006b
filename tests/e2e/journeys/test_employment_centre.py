"""İstihdam Merkezi: a staff member refers a ranked candidate, and the candidate agrees from the link.

The staff member (1280 px) opens a vacancy's ranked candidates, reads the reasons of each rank, chooses one
and refers them; the candidate opens the link of the e-mail without signing in, at 1280 and 390 px, and
agrees; only then does the referral reach the employer.
"""

import re

from allauth.account.models import EmailAddress
from django.core import mail

from employment.models import Referral
from tests.e2e.journeys.conftest import DESKTOP, PASSWORD, WIDTHS
from tests.employment import centre


def records():
    staff = centre.centre_staff()
    staff.email, staff.first_name, staff.last_name = "istihdam.personel@kentkonseyi.test", "Selin", "Kurt"
    staff.set_password(PASSWORD)
    staff.save()
    # Signing in needs a verified address, as the demo logins have.
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    vacancy = centre.vacancy(firm=centre.firm(tax_number="9876543210"))
    centre.cv("Ali Duvar", ["7112"], "Tuğla örme, Sıva, İskele kurma", "Çakmak", email="ali.duvar@example.org")
    centre.cv("Burak Beton", ["7114"], "Sıva", "Atakent", email="burak.beton@example.org")
    centre.cv("Deniz Kaynak", ["7212"], "İskele kurma", "Çakmak", sharing=False, email="deniz@example.org")
    return staff, vacancy


def test_staff_refer_a_ranked_candidate_who_agrees_from_the_link(journey):
    staff, vacancy = records()
    page = journey.open(email=staff.email, width=DESKTOP, path="/admin/")
    journey.check(page)
    assert page.get_by_role("heading", name=re.compile("İstihdam Merkezi: bekleyen işleriniz")).is_visible()

    page.goto(journey.url("/admin/employment/vacancies/"))
    journey.check(page)
    # The demo's vacancies are listed too: open this vacancy's ranked candidates from its own row.
    row = page.locator("table.listing tbody tr").filter(has_text=vacancy.title)
    with page.expect_navigation():
        row.get_by_role("link", name="Sıralı adaylar").click()
    journey.check(page)
    rows = page.locator("table.listing tbody tr")
    assert rows.nth(0).get_by_role("rowheader").inner_text().startswith("Ali Duvar")
    assert "Aynı meslek (7112 Duvarcılar ve ilgili çalışanlar)" in rows.nth(0).inner_text()
    assert "3 beceri ortak: Tuğla örme, Sıva, İskele kurma" in rows.nth(0).inner_text()
    assert "Aynı mahalle" in rows.nth(0).inner_text()
    assert "1,1 km (Atakent)" in rows.filter(has_text="Burak Beton").inner_text()
    assert "Paylaşım rızası yok" in page.locator("table.listing").inner_text()

    mail.outbox.clear()
    page.get_by_label("Ali Duvar adlı kişiyi yönlendir").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Seçilen adayları yönlendir").click()
    journey.check(page)
    assert page.get_by_text("onaylaması için soruldu: Ali Duvar").is_visible()
    referral = Referral.objects.get(cv__full_name="Ali Duvar")
    assert referral.status == Referral.Status.ASKED
    assert not Referral.objects.visible_to_firm(vacancy.firm).exists()
    [message] = [m for m in mail.outbox if m.to == ["ali.duvar@example.org"]]
    link = re.search(r"https?://\S+/istihdam/yonlendirme/\w+/", message.body).group(0)
    path = link[link.index("/istihdam/") :]

    for width in WIDTHS:
        candidate = journey.open(width=width, path=path)
        journey.check(candidate, axe=True)
        assert candidate.get_by_role("heading", name="İstihdam Merkezinden bir yönlendirme").is_visible()
        assert candidate.get_by_text(vacancy.firm.name).first.is_visible()
        assert candidate.get_by_role("button", name="Kabul etmiyorum").is_visible()
    with candidate.expect_navigation():
        candidate.get_by_role("button", name="Bu işverenle CV'min paylaşılmasını kabul ediyorum").click()
    journey.check(candidate, axe=True)
    assert candidate.get_by_text("CV'niz").first.is_visible()

    referral.refresh_from_db()
    assert referral.status == Referral.Status.AGREED
    assert list(Referral.objects.visible_to_firm(vacancy.firm)) == [referral]
