"""A job seeker writes, changes, hides, downloads and deletes their CV; their consents are recorded and honoured."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts import personal_data
from employment import cv_files, seekers
from employment.models import CV, EmploymentConsent, Experience, Referral
from places.models import Neighbourhood
from tests.employment import cv_support
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def units(db):
    return cv_support.occupations()


@pytest.fixture
def seeker(client):
    user = UserFactory(first_name="Ayşe", last_name="Yılmaz", email="ayse@example.org", phone="+905321234567")
    client.force_login(user)
    return user


def cv_data(units, **changes):
    data = {
        "full_name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "+905321234567",
        "birth_year": "1990",
        "neighbourhood": str(Neighbourhood.objects.get(name="Çakmak").pk),
        "summary": "Mağazacılıkta on yıl.",
        "occupations": [str(units["5223"].pk), str(units["7112"].pk)],
        "skills": "kasa, müşteri ilişkileri",
        "driving_licence": "B",
        "work_types": ["full_time", "shift"],
        "available_from": "",
        "disability_quota": "",
        "consent_processing": "on",
        **management("education", 2),
        "education-0-level": "high",
        "education-0-school": "Ümraniye Lisesi",
        "education-0-field": "",
        "education-0-graduated": "2008",
        "education-1-level": "",
        **management("experience", 1),
        "experience-0-employer": "Moda Mağazacılık",
        "experience-0-position": "Satış danışmanı",
        "experience-0-years": "4.5",
        "experience-0-occupation": str(units["5223"].pk),
        **management("languages", 1),
        "languages-0-language": "İngilizce",
        "languages-0-level": "intermediate",
    }
    data.update(changes)
    return data


def test_the_form_is_filled_from_the_account(client, seeker, units):
    response = client.get(reverse("employment:cv_edit"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["full_name"].value() == "Ayşe Yılmaz"
    assert form["email"].value() == "ayse@example.org"
    assert form["phone"].value() == "+905321234567"
    text = response.content.decode()
    assert units["5223"].name in text and units["5"].name in text  # grouped by major group
    assert "4857" in text and "KVKK" in text


def test_a_seeker_writes_a_cv_with_rows_and_consents(client, seeker, units):
    response = client.post(reverse("employment:cv_edit"), cv_data(units, consent_sharing="on"))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    cv = CV.objects.get(user=seeker)
    assert set(cv.occupations.values_list("code", flat=True)) == {"5223", "7112"}
    assert cv.work_types == ["full_time", "shift"]
    assert cv.neighbourhood.name == "Çakmak"
    assert [(row.level, row.school) for row in cv.education.all()] == [("high", "Ümraniye Lisesi")]
    experience = cv.experience.get()
    assert (experience.employer, str(experience.years), experience.occupation.code) == (
        "Moda Mağazacılık",
        "4.5",
        "5223",
    )
    assert cv.languages.get().language == "İngilizce"
    consents = {consent.purpose: consent for consent in EmploymentConsent.objects.filter(user=seeker)}
    assert set(consents) == {"processing", "sharing"}
    assert "İstihdam Merkezi" in consents["processing"].wording and "6698" in consents["processing"].wording
    assert cv.processing_consent_at == consents["processing"].given_at
    assert CV.objects.searchable().filter(pk=cv.pk).exists()
    assert seekers.shares_with_employers(CV.objects.all()).filter(pk=cv.pk).exists()

    page = client.get(reverse("employment:cv")).content.decode()
    assert "Moda Mağazacılık" in page and "Ümraniye Lisesi" in page and units["5223"].name in page


def test_a_cv_is_not_saved_without_consent_and_nothing_typed_is_lost(client, seeker, units):
    data = cv_data(units, consent_processing="", **{"experience-0-years": "seksen"})
    response = client.post(reverse("employment:cv_edit"), data)
    assert response.status_code == 400
    assert not CV.objects.filter(user=seeker).exists()
    text = response.content.decode()
    assert "henüz kaydedilmedi" in text
    assert "kutuyu işaretleyin" in text  # the consent
    assert "Moda Mağazacılık" in text and "Ümraniye Lisesi" in text and "Mağazacılıkta on yıl." in text
    assert f'value="{units["5223"].pk}" id="occupation-{units["5223"].pk}" checked' in text
    assert "Bir sayı girin" in text or "sayı" in text


def test_declaring_a_disability_needs_its_own_consent(client, seeker, units):
    response = client.post(reverse("employment:cv_edit"), cv_data(units, disability_quota="eligible"))
    assert response.status_code == 400
    assert "Belirtmek istemiyorum" in response.content.decode()
    response = client.post(
        reverse("employment:cv_edit"), cv_data(units, disability_quota="eligible", consent_disability="on")
    )
    assert response.status_code == 302
    consent = EmploymentConsent.objects.get(user=seeker, purpose="processing")
    assert "md. 6" in consent.wording and "4857" in consent.wording


def test_editing_replaces_and_removes_rows(client, seeker, units):
    client.post(reverse("employment:cv_edit"), cv_data(units))
    cv = CV.objects.get(user=seeker)
    row = cv.experience.get()
    data = cv_data(units, **management("experience", 2, initial=1))
    data.pop("consent_processing")
    data.update(
        {
            "experience-0-id": str(row.pk),
            "experience-0-cv": str(cv.pk),
            "experience-0-DELETE": "on",
            "experience-1-employer": "Yapı Usta",
            "experience-1-position": "Kalfa",
            "experience-1-years": "2",
            "experience-1-occupation": "",
        }
    )
    data.update(management("education", 1, initial=0))
    response = client.post(reverse("employment:cv_edit"), data)
    assert response.status_code == 302
    assert list(Experience.objects.filter(cv=cv).values_list("employer", flat=True)) == ["Yapı Usta"]
    assert EmploymentConsent.objects.filter(user=seeker, purpose="processing").count() == 1


def test_the_cv_page_asks_the_database_a_bounded_number_of_times(client, seeker, units, django_assert_max_num_queries):
    cv = cv_support.make_cv(seeker, sharing=True)
    cv.occupations.set([units["5223"], units["7112"]])
    for number in range(6):
        cv.education.create(level="high", school=f"Okul {number}")
        cv.experience.create(employer=f"İşveren {number}", position="Kalfa", years=2, occupation=units["7112"])
        cv.languages.create(language=f"Dil {number}", level="basic")
    client.get(reverse("employment:cv"))  # the site's settings are created on the first page ever shown
    with django_assert_max_num_queries(15):
        assert client.get(reverse("employment:cv")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("employment:cv_edit")).status_code == 200


def test_withdrawing_the_processing_consent_hides_the_cv(client, seeker, units):
    cv = cv_support.make_cv(seeker, sharing=True)
    assert CV.objects.searchable().filter(pk=cv.pk).exists()
    response = client.post(reverse("employment:cv_consent", args=["isleme", "geri-al"]))
    assert response.status_code == 302
    assert not CV.objects.searchable().filter(pk=cv.pk).exists()
    consent = EmploymentConsent.objects.get(user=seeker, purpose="processing")
    assert consent.withdrawn_at is not None  # kept as a record, dated
    page = client.get(reverse("employment:cv")).content.decode()
    assert "onayınızı geri aldınız" in page.lower()
    # Given again from the CV page, the CV is back in the centre's searches.
    client.post(reverse("employment:cv_consent", args=["isleme", "ver"]))
    assert CV.objects.searchable().filter(pk=cv.pk).exists()
    assert EmploymentConsent.objects.filter(user=seeker, purpose="processing").count() == 2


def test_withdrawing_the_sharing_consent(client, seeker):
    cv = cv_support.make_cv(seeker, sharing=True)
    client.post(reverse("employment:cv_consent", args=["paylasim", "geri-al"]))
    assert not seekers.shares_with_employers(CV.objects.all()).filter(pk=cv.pk).exists()
    assert CV.objects.searchable().filter(pk=cv.pk).exists()


def test_hiding_and_showing(client, seeker):
    cv = cv_support.make_cv(seeker)
    client.post(reverse("employment:cv_visibility"), {"hidden": "1"})
    assert not CV.objects.searchable().filter(pk=cv.pk).exists()
    assert "gizlendi" in client.get(reverse("employment:cv")).content.decode()
    client.post(reverse("employment:cv_visibility"), {"hidden": "0"})
    assert CV.objects.searchable().filter(pk=cv.pk).exists()


def test_the_cv_as_a_pdf(client, seeker, units):
    cv = cv_support.make_cv(seeker)
    cv.occupations.set([units["5223"]])
    cv.experience.create(employer="Moda Mağazacılık", position="Satış danışmanı", years=3)
    response = client.get(reverse("employment:cv_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ayşe Yılmaz" in text and "Moda Mağazacılık" in text and units["5223"].name in text


def test_deleting_the_cv_removes_its_rows_and_file(client, seeker, django_capture_on_commit_callbacks):
    cv = cv_support.make_cv(seeker)
    cv.education.create(level="high", school="Ümraniye Lisesi")
    seekers.store_file(cv, cv_files.CleanFile(cv_support.pdf_with_metadata(), "pdf", cv_files.PDF_TYPE))
    name, storage = cv.file.name, cv.file.storage
    assert storage.exists(name)
    confirm = client.get(reverse("employment:cv_delete"))
    assert confirm.status_code == 200 and "geri alınamaz" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("employment:cv_delete"))
    assert response.status_code == 302
    assert not CV.objects.filter(pk=cv.pk).exists()
    assert not storage.exists(name)
    # The consents ended with the CV they were for, and stay on record.
    assert not seekers.active_consents(seeker)
    assert EmploymentConsent.objects.filter(user=seeker, withdrawn_at__isnull=False).exists()


def test_deleting_a_referred_cv_keeps_an_anonymous_record_for_the_figures(client, seeker, units):
    cv = cv_support.make_cv(seeker)
    firm, _member = cv_support.firm_with_member()
    cv_support.refer(cv, firm, units["7112"])
    client.post(reverse("employment:cv_delete"))
    kept = CV.objects.get(pk=cv.pk)
    assert kept.user is None and kept.full_name == "" and kept.email == "" and kept.anonymised_at is not None
    assert Referral.objects.filter(cv=kept).count() == 1
    assert client.get(reverse("employment:cv")).context["cv"] is None


def test_the_account_links_to_the_cv_and_its_data_download_holds_it(client, seeker, units):
    cv = cv_support.make_cv(seeker)
    cv.occupations.set([units["5223"]])
    assert reverse("employment:cv") in client.get(reverse("accounts:profile")).content.decode()
    data = json.loads(client.get(reverse("accounts:download_data")).content)
    assert data["employment_cv"]["cv"]["full_name"] == "Ayşe Yılmaz"
    assert data["employment_cv"]["cv"]["occupations"] == [f"5223 {units['5223'].name}"]
    assert data["employment_cv"]["consents"][0]["purpose"] == "processing"


def test_deleting_the_account_anonymises_the_cv_and_deletes_its_file(seeker, django_capture_on_commit_callbacks):
    cv = cv_support.make_cv(seeker)
    seekers.store_file(cv, cv_files.CleanFile(cv_support.pdf_with_metadata(), "pdf", cv_files.PDF_TYPE))
    name, storage = cv.file.name, cv.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(seeker)
    kept = CV.objects.get(pk=cv.pk)
    assert (kept.user, kept.full_name, kept.email, kept.phone, kept.file.name) == (None, "", "", "", "")
    assert not storage.exists(name)
    assert not EmploymentConsent.objects.exists()


def test_pages_ask_to_sign_in(client):
    response = client.get(reverse("employment:cv"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_english_page(client, seeker):
    cv_support.make_cv(seeker)
    response = client.get("/en/istihdam/cv/")
    assert response.status_code == 200
    assert "My CV" in response.content.decode()
