"""İstihdam Merkezi: a staff member refers a ranked candidate, and the candidate agrees from the link.

The staff member (1280 px) opens a vacancy's ranked candidates, reads the reasons of each rank, chooses one
and refers them; the candidate opens the link of the e-mail without signing in, at 1280 and 390 px, and
agrees; only then does the referral reach the employer.
"""

import csv
import io
import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from employment.demo import CENTRE_STAFF, FIRMS, SEEKER
from employment.models import CV, Firm, Placement, Referral
from tests.e2e.journeys.conftest import DESKTOP, PASSWORD, WIDTHS
from tests.e2e.journeys.test_call_centre import check
from tests.employment import centre
from tests.employment.test_volumes import SEED


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


def test_the_centre_records_a_placement_and_reads_the_reports_yearly_table(journey):
    """The demo's centre staff record a placement told on the phone from a person's CV, then, after
    load_employment_volumes, read the seed's 2016–2020 table on İstihdam Merkezi rakamları, figure by figure."""
    call_command("load_employment_volumes", stdout=io.StringIO())
    seeker = CV.objects.get(user__email=SEEKER[0])
    firm = Firm.objects.get(name=FIRMS[1][0])  # a verified demo firm that has not employed them

    page = journey.open(CENTRE_STAFF[0], DESKTOP, path="/admin/employment/cvs/")
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name=seeker.full_name).first.click()
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="İstihdam kaydet").click()
    journey.check(page)
    # The report's archive firms, loaded above for the figures, are not among the firms offered.
    assert "Arşiv kaydı" not in page.get_by_label("Firma").inner_text()
    page.get_by_label("Firma").select_option(label=firm.name)
    page.get_by_label("İşe başlama tarihi").fill(timezone.localdate().isoformat())
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Oluştur").click()
    check(journey, page)
    assert seeker.full_name in page.locator(".messages").inner_text()
    placement = Placement.objects.get(cv=seeker, firm=firm)
    assert (placement.source, placement.recorded_by.email) == ("phone", CENTRE_STAFF[0])

    page.goto(journey.url("/admin/employment/figures/"))
    journey.check(page)
    page.get_by_label("Başlangıç").fill("2016-01-01")
    page.get_by_label("Bitiş").fill("2020-12-31")
    with page.expect_navigation():
        page.get_by_role("button", name="Göster").click()
    journey.check(page)
    table = page.locator("#employment-figures")
    assert table.locator("thead th").all_inner_texts()[1:] == ["2016", "2017", "2018", "2019", "2020"]
    shown = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    with SEED.open(encoding="utf-8") as lines:
        seed = list(csv.DictReader(lines))
    for index, key in enumerate(("yeni_cv", "yeni_firma", "yonlendirilen_is", "istihdam_edilen")):
        assert shown[index] == [f"{int(row[key]):,}".replace(",", ".") for row in seed], key
    assert [figures[-1] for figures in shown] == ["4.536", "83", "14.005", "452"]  # 2020, as the issue quotes it
