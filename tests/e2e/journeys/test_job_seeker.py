"""The job seeker's journey at İstihdam Merkezi: from the account to a saved CV with an occupation and a PDF file,
at a desktop's and a phone's width, the occupation found with the filter and ticked with the keyboard."""

import pytest

from employment.models import CV, EmploymentConsent
from tests.e2e.journeys.conftest import WIDTHS
from tests.employment import cv_support

CITIZEN = "vatandas@kentkonseyi.test"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_citizen_writes_a_cv_with_an_occupation_and_uploads_a_pdf(journey, width):
    page = journey.open(email=CITIZEN, width=width, path="/accounts/profile/")
    with page.expect_navigation():
        page.get_by_role("link", name="CV'm (İstihdam Merkezi)").click()
    journey.check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="CV'mi yaz").click()
    journey.check(page)

    # The name comes from the account.
    assert page.get_by_label("Ad Soyad").input_value()
    page.get_by_label("Cep telefonu").fill("0532 123 45 67")
    page.get_by_label("Mahalle").select_option(label="Çakmak")

    # The occupation: found with the filter, ticked with the keyboard alone.
    page.get_by_label("Meslek arayın").fill("duvar")
    occupation = page.get_by_label("Duvarcılar ve ilgili çalışanlar")
    occupation.wait_for(state="visible")
    assert page.get_by_text("meslek bulundu").is_visible()
    occupation.focus()
    page.keyboard.press("Space")
    assert occupation.is_checked()

    page.get_by_label("Vardiyalı", exact=True).check()
    # A second school row from the keyboard; the first row is there without JavaScript too.
    page.locator("#id_education-0-level").select_option(label="Lise")
    page.locator("#id_education-0-school").fill("Ümraniye Anadolu Lisesi")
    page.get_by_role("button", name="Başka bir okul ekle").focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_education-1-level").evaluate("element => element === document.activeElement")
    page.locator("#id_experience-0-employer").fill("Yapı Usta İnşaat")
    page.locator("#id_experience-0-position").fill("Duvar ustası")
    page.locator("#id_experience-0-years").fill("6")
    page.get_by_label("İstihdam Merkezi tarafından saklanmasına").check()
    with page.expect_navigation():
        page.get_by_role("button", name="CV'mi kaydet").click()

    # Saved: the CV page shows it as the centre sees it.
    assert page.url.endswith("/istihdam/cv/")
    assert page.get_by_text("CV'niz kaydedildi.").is_visible()
    main = page.locator("main").inner_text()
    assert (
        "Duvarcılar ve ilgili çalışanlar" in main and "Yapı Usta İnşaat" in main and "Ümraniye Anadolu Lisesi" in main
    )
    journey.check(page)

    # The PDF file, checked and kept.
    page.get_by_label("CV dosyası (PDF ya da Word)").set_input_files(
        [{"name": "ozgecmis.pdf", "mimeType": "application/pdf", "buffer": cv_support.pdf_with_metadata()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Dosyayı yükle").click()
    assert page.get_by_text("CV dosyanız, gizli bilgileri").is_visible()
    assert page.get_by_role("link", name="CV dosyamı indir").is_visible()
    journey.check(page)

    cv = CV.objects.get(user__email=CITIZEN)
    assert list(cv.occupations.values_list("code", flat=True)) == ["7112"]
    assert cv.file.name.endswith(".pdf") and cv_support.AUTHOR.encode() not in cv.file.read()
    assert EmploymentConsent.objects.filter(user=cv.user, purpose="processing", withdrawn_at=None).exists()
    assert CV.objects.searchable().filter(pk=cv.pk).exists()
