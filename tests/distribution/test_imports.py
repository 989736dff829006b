import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assemblies.coordinators import ensure_coordinator_group
from distribution.models import Recipient, RecipientImport, RecipientList
from tests.distribution.conftest import recipient

HEADER = ["Tür", "Ad", "Mahalle", "Cadde/Sokak", "Dış kapı no", "UAVT kodu", "Enlem", "Boylam", "Listeler", "Etkin"]
UPLOAD = "/admin/distribution/import/"


def book_csv(rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(client, content, name="alicilar.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def in_the_book(bulletin_list):
    found = recipient("Çakmak", "Çakmak Mahallesi Muhtarlığı", kind=Recipient.Kind.MUHTARLIK, lists=[bulletin_list])
    found.uavt_code = "1234567890"
    found.save()
    return found


@pytest.fixture
def rows(in_the_book):
    return [
        [
            "Okul",
            "Çakmak İlkokulu",
            "Çakmak Mah.",
            "Alemdağ Caddesi",
            "5",
            "1111111111",
            "41,0121",
            "29.1321",
            "Kültür bülteni aboneleri; Okullar",
            "Evet",
        ],
        ["association", "Çakmak Kültür Derneği", "çakmak", "Gül Sokak", "7", "", "", "", "", ""],
        ["Dükkân", "Yanlış Mahalle Eczanesi", "Kadıköy", "Bağdat Caddesi", "1", "", "", "", "", ""],
        ["Okul", "Kısa Kodlu Okul", "İnkılap", "Gül Sokak", "3", "123456789", "", "", "", ""],
        ["Muhtarlık", "Aynı Kodlu Muhtarlık", "Huzur", "Huzur Caddesi", "2", "1234567890", "", "", "", ""],
        ["Dernek", "ÇAKMAK KÜLTÜR DERNEĞİ", "Çakmak", "Gül Sok.", "7", "", "", "", "", ""],
        ["Birey", "Ayten Hanım", "İnkılap", "Gül Sokak", "9", "", "", "", "Muhtarlar", "hayır"],
    ]


def test_the_dry_run_reports_each_bad_row_and_duplicate_and_creates_nothing(
    client, coordinator, rows, in_the_book, django_assert_max_num_queries
):
    client.force_login(coordinator)
    response = upload(client, book_csv(rows))
    recipient_import = RecipientImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{UPLOAD}{recipient_import.pk}/"
    assert recipient_import.status == RecipientImport.Status.CHECKED, recipient_import.failure
    assert (recipient_import.total_rows, recipient_import.new_count) == (7, 3)
    assert (recipient_import.duplicate_count, recipient_import.error_count) == (2, 2)
    assert list(Recipient.objects.all()) == [in_the_book]
    assert list(RecipientList.objects.values_list("name", flat=True)) == ["Kültür bülteni aboneleri"]

    problems = {problem["line"]: problem for problem in recipient_import.problems}
    assert sorted(problems) == [4, 5, 6, 7]
    assert problems[4]["kind"] == "error" and problems[4]["name"] == "Yanlış Mahalle Eczanesi"
    assert problems[4]["reason"].startswith("Mahalle: ") and "Kadıköy" in problems[4]["reason"]
    assert problems[5]["kind"] == "error" and problems[5]["reason"].startswith("UAVT kodu: ")
    assert problems[6]["kind"] == "duplicate" and "Çakmak Mahallesi Muhtarlığı" in problems[6]["reason"]
    assert "1234567890" in problems[6]["reason"]
    assert problems[7]["kind"] == "duplicate" and "3" in problems[7]["reason"]  # the file's own line 3
    assert "Çakmak Kültür Derneği" in problems[7]["reason"]

    with django_assert_max_num_queries(40):
        page = client.get(f"{UPLOAD}{recipient_import.pk}/")
    content = page.content.decode()
    assert "Kadıköy" in content and "ÇAKMAK KÜLTÜR DERNEĞİ" in content
    assert reverse("distribution_import_confirm", args=[recipient_import.pk]) in content
    report = client.get(f"{UPLOAD}{recipient_import.pk}/report.csv")
    assert len(list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))) == 1 + 4


def test_confirming_creates_exactly_the_good_rows_with_their_lists(client, coordinator, rows, bulletin_list):
    client.force_login(coordinator)
    upload(client, book_csv(rows))
    recipient_import = RecipientImport.objects.get()
    client.post(f"{UPLOAD}{recipient_import.pk}/confirm/")
    client.post(f"{UPLOAD}{recipient_import.pk}/confirm/")  # a second click does nothing
    recipient_import.refresh_from_db()
    assert recipient_import.status == RecipientImport.Status.DONE and recipient_import.imported_count == 3
    assert not recipient_import.file  # the upload is deleted once imported

    names = set(Recipient.objects.values_list("name", flat=True))
    assert names == {"Çakmak Mahallesi Muhtarlığı", "Çakmak İlkokulu", "Çakmak Kültür Derneği", "Ayten Hanım"}
    school = Recipient.objects.get(name="Çakmak İlkokulu")
    assert (school.kind, school.neighbourhood.name, school.uavt_code) == ("school", "Çakmak", "1111111111")
    assert school.point == (41.0121, 29.1321)
    assert {found.name for found in school.lists.all()} == {"Kültür bülteni aboneleri", "Okullar"}
    assert school.sort_key and school.match_key == school.compute_match_key()
    association = Recipient.objects.get(name="Çakmak Kültür Derneği")
    assert (association.kind, association.uavt_code, association.active) == ("association", None, True)
    assert not association.lists.exists()
    person = Recipient.objects.get(name="Ayten Hanım")
    assert (person.kind, person.active) == ("individual", False)
    assert [found.name for found in person.lists.all()] == ["Muhtarlar"]
    assert RecipientList.objects.count() == 3

    # The same file again finds every good row already in the book.
    upload(client, book_csv(rows))
    again = RecipientImport.objects.latest("created_at")
    assert (again.new_count, again.duplicate_count, again.error_count) == (0, 5, 2)


def test_turkish_excel_csv_and_xlsx_are_read(client, coordinator):
    client.force_login(coordinator)
    rows = [["Dernek", "Şule Işık Vakfı", "Şerifali", "Şehit Sokak", "4", "", "", "", "", ""]]
    upload(client, book_csv(rows, delimiter=";", encoding="cp1254"))
    first = RecipientImport.objects.get()
    assert first.new_count == 1, first.problems

    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(
        [
            "Muhtarlık",
            "Ihlamurkuyu Muhtarlığı",
            "IHLAMURKUYU",
            "Alemdağ Caddesi",
            12,
            2222222222,
            41.02,
            29.14,
            "Muhtarlar",
            1,
        ]
    )
    content = io.BytesIO()
    workbook.save(content)
    upload(client, content.getvalue(), name="alicilar.xlsx")
    second = RecipientImport.objects.latest("created_at")
    assert second.new_count == 1, second.problems
    client.post(f"{UPLOAD}{first.pk}/confirm/")
    client.post(f"{UPLOAD}{second.pk}/confirm/")
    assert Recipient.objects.get(name="Şule Işık Vakfı").neighbourhood.name == "Şerifali"
    muhtarlik = Recipient.objects.get(name="Ihlamurkuyu Muhtarlığı")
    assert (muhtarlik.building_no, muhtarlik.uavt_code, muhtarlik.neighbourhood.name) == (
        "12",
        "2222222222",
        "Ihlamurkuyu",
    )


def test_an_export_reimports_as_duplicates_only(client, coordinator, book):
    client.force_login(coordinator)
    exported = client.get(reverse("distribution_export"))
    assert exported.status_code == 200
    upload(client, exported.content, name="alicilar.xlsx")
    recipient_import = RecipientImport.objects.get()
    assert (recipient_import.new_count, recipient_import.duplicate_count, recipient_import.error_count) == (0, 8, 0)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("alicilar.pdf", b"%PDF-1.4"),
        ("alicilar.xlsx", b"not a zip"),
        ("alicilar.csv", "İsim,Telefon\nAli,1\n".encode()),
        ("alicilar.csv", b"\x00\x01\x02"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(client, coordinator, name, content):
    client.force_login(coordinator)
    response = upload(client, content, name=name)
    assert response.status_code == 200
    assert "error-message" in response.content.decode() or "errorlist" in response.content.decode()
    assert not RecipientImport.objects.exists()


def test_the_upload_page_and_the_template(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(30):
        assert client.get(UPLOAD).status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("distribution_import_template")).content))
    assert [cell.value for cell in workbook.active[1]][:3] == ["Tür", "Ad", "İlgili kişi"]
    listing = client.get(reverse("wagtailsnippets_distribution_recipient:list")).content.decode()
    assert UPLOAD in listing  # the header button


def test_the_background_check_and_import_report_progress(client, coordinator, rows):
    client.force_login(coordinator)
    upload(client, book_csv(rows))
    recipient_import = RecipientImport.objects.get()
    assert (recipient_import.processed_rows, recipient_import.percent, recipient_import.running) == (7, 100, False)
    client.post(f"{UPLOAD}{recipient_import.pk}/confirm/")
    page = client.get(f"{UPLOAD}{recipient_import.pk}/").content.decode()
    assert '<progress max="100" value="100"' in page and 'http-equiv="refresh"' not in page
    recipient_import.refresh_from_db()
    assert (recipient_import.status, recipient_import.imported_count) == ("done", 3)


def test_a_running_import_refreshes_its_page(client, coordinator):
    client.force_login(coordinator)
    running = RecipientImport.objects.create(
        original_name="alicilar.csv", status=RecipientImport.Status.CHECKING, total_rows=4000, processed_rows=1000
    )
    page = client.get(f"{UPLOAD}{running.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and '<progress max="100" value="25"' in page


def test_only_the_team_reaches_the_import(client, user, assembly, courier, rows):
    recipient_import = RecipientImport.objects.create(original_name="alicilar.csv", status="checked")
    urls = [
        UPLOAD,
        f"{UPLOAD}{recipient_import.pk}/",
        f"{UPLOAD}{recipient_import.pk}/report.csv",
        reverse("distribution_import_template"),
        reverse("distribution_export"),
    ]
    for url in urls:
        assert client.get(url).status_code == 302, url  # signed out: to the sign-in page
    client.force_login(user)  # a citizen
    for url in urls:
        assert client.get(url).status_code in {302, 403, 404}, url
    user.groups.add(ensure_coordinator_group(assembly))  # an assembly's coordinator, in the admin
    for url in urls:
        assert client.get(url).status_code in {302, 403, 404}, url
    assert upload(client, book_csv(rows)).status_code in {302, 403}
    assert client.post(f"{UPLOAD}{recipient_import.pk}/confirm/").status_code in {302, 403}
    recipient_import.refresh_from_db()
    assert recipient_import.status == "checked" and RecipientImport.objects.count() == 1


def test_the_recipient_export_writes_words_not_stored_keys(client, coordinator, in_the_book):
    client.force_login(coordinator)
    response = client.get(reverse("wagtailsnippets_distribution_recipient:list") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:2] == ["Çakmak Mahallesi Muhtarlığı", "Muhtarlık"] and rows[1][-1] == "Evet"
    assert "None" not in rows[1] and "True" not in rows[1]
