"""A CV file is judged by its content, kept without metadata in private storage, and served to few."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from employment import cv_files, seekers
from employment.access import CENTRE, may_see_cv
from employment.models import CV, Referral
from tests.employment import cv_support
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def upload(client, content, name):
    return client.post(reverse("employment:cv_upload"), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def seeker(client):
    cv = cv_support.make_cv(full_name="Ayşe Yılmaz")
    client.force_login(cv.user)
    return cv


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (EXE, "ozgecmis.pdf"),
        (PNG, "ozgecmis.pdf"),
        (PNG, "ozgecmis.docx"),
        (b"PK\x03\x04" + b"\x00" * 100, "ozgecmis.docx"),  # a zip header and nothing of a zip
        (b"%PDF-1.7\n garbage that is no PDF", "ozgecmis.pdf"),
    ],
    ids=["exe-named-pdf", "png-named-pdf", "png-named-docx", "broken-zip", "broken-pdf"],
)
def test_what_is_not_a_pdf_or_docx_is_refused_with_a_turkish_message(client, seeker, content, name):
    response = upload(client, content, name)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dosya kaydedilmedi" in text
    assert re.search(r"PDF|Word", text)
    assert not CV.objects.get(pk=seeker.pk).file


def test_a_zip_that_is_not_a_word_document_is_refused(client, seeker):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE)
    response = upload(client, buffer.getvalue(), "ozgecmis.docx")
    assert response.status_code == 400
    assert "PDF ya da Word (.docx) belgesi değil" in response.content.decode()


def test_a_word_document_with_macros_is_refused():
    with pytest.raises(cv_files.CVFileRefused):
        cv_files.clean_cv_file(io.BytesIO(cv_support.docx_with_metadata(macro=True)))


def test_a_file_over_the_limit_is_refused_without_reading_it_all(client, seeker):
    response = upload(client, b"%PDF-1.4\n" + b"0" * cv_files.MAX_BYTES, "buyuk.pdf")
    assert response.status_code == 400
    assert "5 MB" in response.content.decode()


def test_a_real_pdf_is_kept_without_its_metadata_in_private_storage(client, seeker, settings):
    original = cv_support.pdf_with_metadata()
    assert cv_support.AUTHOR.encode() in original
    response = upload(client, original, "Özgeçmişim.pdf")
    assert response.status_code == 302
    cv = CV.objects.get(pk=seeker.pk)
    assert cv.file.name.endswith(".pdf") and "Özgeçmiş" not in cv.file.name
    assert str(settings.PRIVATE_MEDIA_ROOT) in cv.file.path
    stored = cv.file.read()
    reader = PdfReader(io.BytesIO(stored))
    assert len(reader.pages) == 1
    assert not reader.metadata
    assert "/Metadata" not in reader.trailer["/Root"]
    assert cv_support.AUTHOR.encode() not in stored and b"Microsoft Word" not in stored


def test_a_real_docx_is_kept_with_its_author_fields_blanked(client, seeker):
    response = upload(client, cv_support.docx_with_metadata(), "cv.docx")
    assert response.status_code == 302
    cv = CV.objects.get(pk=seeker.pk)
    assert cv.file.name.endswith(".docx")
    with zipfile.ZipFile(io.BytesIO(cv.file.read())) as archive:
        core = archive.read("docProps/core.xml").decode()
        app = archive.read("docProps/app.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert cv_support.AUTHOR not in core and "<dc:creator/>" in core and "Özgeçmiş" not in core
    assert "Gizli Şirket" not in app
    assert "Satış danışmanı" in body  # the CV itself is untouched


def test_replacing_the_file_deletes_the_old_one(client, seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, cv_support.pdf_with_metadata(), "a.pdf")
    first = CV.objects.get(pk=seeker.pk).file
    first_path = first.path
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, cv_support.docx_with_metadata(), "b.docx")
    assert not first.storage.exists(first.name), first_path
    assert CV.objects.get(pk=seeker.pk).file.name.endswith(".docx")


@pytest.fixture
def two_seekers_and_two_firms(client):
    """Ayşe referred (and agreeing) to Yapı Usta; Ali referred to Yapı Usta but not yet agreeing; Moda Mağaza with
    no referral at all."""
    units = cv_support.occupations()
    ayse = cv_support.make_cv(full_name="Ayşe Yılmaz", sharing=True)
    ali = cv_support.make_cv(full_name="Ali Demir", sharing=True)
    for cv in (ayse, ali):
        seekers.store_file(cv, cv_files.CleanFile(cv_support.pdf_with_metadata(), "pdf", cv_files.PDF_TYPE))
    builder, builder_user = cv_support.firm_with_member()
    shop, shop_user = cv_support.firm_with_member("Moda Mağaza", "9876543210")
    cv_support.refer(ayse, builder, units["7112"])
    cv_support.refer(ali, builder, units["7112"], status=Referral.Status.ASKED)
    return {"ayse": ayse, "ali": ali, "builder": builder_user, "shop": shop_user}


@pytest.mark.parametrize("what", ["cv_file_of", "cv_pdf_of"])
def test_who_may_see_a_cv_and_its_file(client, two_seekers_and_two_firms, what):
    people = two_seekers_and_two_firms
    ayse, ali = people["ayse"], people["ali"]
    staff = UserFactory()
    staff.groups.add(Group.objects.get_or_create(name=CENTRE)[0])

    def get(user, cv):
        client.force_login(user)
        return client.get(reverse(f"employment:{what}", args=[cv.pk])).status_code

    # The other seeker, a firm without a referral, a firm whose referral is not agreed: refused.
    assert get(ali.user, ayse) == 403
    assert get(people["shop"], ayse) == 403
    assert get(people["builder"], ali) == 403
    # The owner, the centre's staff, and the firm the person agreed to be referred to: served.
    assert get(ayse.user, ayse) == 200
    assert get(staff, ayse) == 200
    assert get(people["builder"], ayse) == 200
    # A CV that does not exist.
    assert get(staff, CV(pk=999_999)) == 404
    client.logout()
    assert client.get(reverse(f"employment:{what}", args=[ayse.pk])).status_code == 302  # to the sign-in


def test_the_owners_own_address_serves_only_their_file(client, two_seekers_and_two_firms):
    people = two_seekers_and_two_firms
    client.force_login(people["ali"].user)
    response = client.get(reverse("employment:cv_file"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Disposition"] == f'attachment; filename="cv-{people["ali"].pk}.pdf"'


def test_an_agreed_referral_stops_counting_when_the_person_hides_the_cv(two_seekers_and_two_firms):
    people = two_seekers_and_two_firms
    ayse = people["ayse"]
    assert may_see_cv(people["builder"], ayse)
    ayse.hidden = True
    ayse.save()
    assert not may_see_cv(people["builder"], ayse)
    assert may_see_cv(ayse.user, ayse)


def test_nginx_lets_a_cv_file_through_and_nothing_much_larger():
    from tests.operations.test_deploy import OVERHEAD, body_limits

    limit = body_limits()["~ ^/(en/)?istihdam/cv/dosya/$"]
    assert cv_files.MAX_BYTES < limit <= cv_files.MAX_BYTES + OVERHEAD
