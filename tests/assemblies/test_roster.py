import csv
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assemblies.models import Membership, MembershipEvent, RosterImport
from tests.assemblies.conftest import years_ago
from tests.factories import MembershipFactory

HEADER = ["Ad Soyad", "E-posta", "Telefon", "Doğum tarihi", "Cinsiyet", "Mahalle", "Veli", "Veli telefonu"]


def roster_csv(rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(client, assembly, content, name="uyeler.csv"):
    return client.post(
        "/admin/members/import/",
        {"assembly": assembly.pk, "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def kadin_roster(assemblies):
    MembershipFactory(assembly=assemblies["kadin"], email="kayitli@example.org", phone="0532 999 88 77")
    return [
        ["Elif Demir", "elif@example.org", "0532 111 22 33", "14.03.1958", "Kadın", "Çakmak Mah.", "", ""],
        ["Sevgi Kara", "", "0533 444 55 66", "1972-07-01", "K", "İnkılap", "", ""],
        ["Aynı Kişi", "KAYITLI@example.org", "", "01.01.1980", "Kadın", "Huzur", "", ""],
        ["Telefonu Kayıtlı", "", "+90 532 999 88 77", "", "", "", "", ""],
        ["Dosyada İki Kez", "iki@example.org", "", "", "", "", "", ""],
        ["Dosyada İki Kez", "iki@example.org", "", "", "", "", "", ""],
        ["", "adsiz@example.org", "", "", "", "", "", ""],
        ["Yanlış Tarih", "tarih@example.org", "", "31.02.1990", "", "", "", ""],
        ["Yanlış Mahalle", "mahalle@example.org", "", "", "", "Kadıköy", "", ""],
        ["İletişimsiz", "", "", "", "", "", "", ""],
        ["Küçük Çocuk", "cocuk@example.org", "", years_ago(12).strftime("%d.%m.%Y"), "", "", "", ""],
    ]


@pytest.mark.django_db
def test_the_dry_run_lists_each_bad_row_and_each_duplicate_and_writes_nothing(
    client, assemblies, coordinator, kadin_roster
):
    client.force_login(coordinator)
    response = upload(client, assemblies["kadin"], roster_csv(kadin_roster))
    roster_import = RosterImport.objects.get()
    assert response["Location"] == f"/admin/members/import/{roster_import.pk}/"
    assert roster_import.status == RosterImport.Status.CHECKED
    assert (roster_import.total_rows, roster_import.new_count) == (11, 3)
    assert (roster_import.duplicate_count, roster_import.error_count) == (3, 5)
    assert Membership.objects.filter(assembly=assemblies["kadin"]).count() == 1

    reasons = {problem["line"]: problem["reason"] for problem in roster_import.problems}
    assert "aynı e-posta adresi" in reasons[4]
    assert "aynı telefon numarası" in reasons[5]
    assert "aynı e-posta adresi" in reasons[7]  # the file's own repeat
    assert "Ad Soyad: Ad soyad eksik." in reasons[8]
    assert "“31.02.1990” bir tarih değil" in reasons[9]
    assert "Ümraniye'de “Kadıköy” adında bir mahalle yok." in reasons[10]
    assert "e-posta adresi ya da telefon numarası gerekir" in reasons[11]
    assert "veli" in reasons[12]

    page = client.get(f"/admin/members/import/{roster_import.pk}/").content.decode()
    assert "Kadıköy" in page and "İçe aktarmayı onayla" in page
    report = client.get(f"/admin/members/import/{roster_import.pk}/report.csv")
    assert len(list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))) == 1 + 8


@pytest.mark.django_db
def test_confirming_imports_the_good_rows_once(client, assemblies, coordinator, kadin_roster):
    client.force_login(coordinator)
    upload(client, assemblies["kadin"], roster_csv(kadin_roster))
    roster_import = RosterImport.objects.get()
    client.post(f"/admin/members/import/{roster_import.pk}/confirm/")
    client.post(f"/admin/members/import/{roster_import.pk}/confirm/")  # a second click does nothing
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DONE and roster_import.imported_count == 3
    assert not roster_import.file  # the upload is deleted once imported
    imported = Membership.objects.filter(assembly=assemblies["kadin"], source="import")
    assert sorted(imported.values_list("full_name", flat=True)) == ["Dosyada İki Kez", "Elif Demir", "Sevgi Kara"]
    elif_ = imported.get(full_name="Elif Demir")
    assert (elif_.state, elif_.neighbourhood.name, elif_.birth_date.isoformat()) == ("approved", "Çakmak", "1958-03-14")
    assert elif_.phone_digits == "5321112233"
    assert MembershipEvent.objects.filter(membership__in=imported).count() == 3

    # The same file again finds everyone already there.
    upload(client, assemblies["kadin"], roster_csv(kadin_roster))
    again = RosterImport.objects.latest("created_at")
    assert (again.new_count, again.duplicate_count) == (0, 6)


@pytest.mark.django_db
def test_an_export_reimports_as_duplicates_only(client, assemblies, coordinator):
    MembershipFactory.create_batch(4, assembly=assemblies["kadin"], state="approved")
    client.force_login(coordinator)
    exported = b"".join(client.get("/admin/members/?export=xlsx").streaming_content)
    upload(client, assemblies["kadin"], exported, name="disa-aktarim.xlsx")
    roster_import = RosterImport.objects.get()
    assert roster_import.status == RosterImport.Status.CHECKED, roster_import.failure
    assert (roster_import.new_count, roster_import.duplicate_count, roster_import.error_count) == (0, 4, 0)


@pytest.mark.django_db
def test_turkish_excel_csv_with_semicolons_is_read(client, assemblies, coordinator):
    client.force_login(coordinator)
    rows = [["Şule Işık", "sule@example.org", "0532 123 45 67", "05.06.1985", "Kadın", "Şerifali", "", ""]]
    upload(client, assemblies["kadin"], roster_csv(rows, delimiter=";", encoding="cp1254"))
    roster_import = RosterImport.objects.get()
    assert roster_import.new_count == 1, roster_import.problems
    client.post(f"/admin/members/import/{roster_import.pk}/confirm/")
    assert Membership.objects.get(email="sule@example.org").neighbourhood.name == "Şerifali"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("uyeler.pdf", b"%PDF-1.4", "Excel (.xlsx) ya da CSV"),
        ("uyeler.xlsx", b"not a zip", "Excel (.xlsx) dosyası değil"),
        ("uyeler.csv", "İsim,Telefon\nAli,1\n".encode(), "“Ad Soyad” sütunu yok"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(client, assemblies, coordinator, name, content, message):
    client.force_login(coordinator)
    response = upload(client, assemblies["kadin"], content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_imports_only_into_their_own_assembly(client, assemblies, coordinator, other_coordinator):
    client.force_login(coordinator)
    response = upload(
        client, assemblies["genclik"], roster_csv([["Ali Veli", "ali@example.org", "", "", "", "", "", ""]])
    )
    assert response.status_code == 200  # Gençlik is not a choice for the Kadın coordinator
    assert not RosterImport.objects.exists()
    upload(client, assemblies["kadin"], roster_csv([["Ali Veli", "ali@example.org", "", "", "", "", "", ""]]))
    roster_import = RosterImport.objects.get()
    client.force_login(other_coordinator)
    assert client.get(f"/admin/members/import/{roster_import.pk}/").status_code == 404
    assert client.post(f"/admin/members/import/{roster_import.pk}/confirm/").status_code == 404
    assert client.get(f"/admin/members/import/{roster_import.pk}/report.csv").status_code == 404


@pytest.mark.django_db
def test_progress_is_reported_for_the_progress_bar(client, assemblies, coordinator):
    client.force_login(coordinator)
    upload(client, assemblies["kadin"], roster_csv([["Ali Veli", "ali@example.org", "", "", "", "", "", ""]]))
    roster_import = RosterImport.objects.get()
    progress = client.get(f"/admin/members/import/{roster_import.pk}/progress/").json()
    assert progress == {
        "status": "checked",
        "status_display": "Denetlendi: onayınızı bekliyor",
        "processed": 1,
        "total": 1,
        "percent": 100,
        "running": False,
        "progress_text": "1 satırdan 1 tanesi işlendi",
    }


@pytest.mark.django_db
def test_the_template_has_the_import_columns(client, assemblies, coordinator):
    client.force_login(coordinator)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/admin/members/import/template.xlsx").content))
    headers = [cell.value for cell in workbook.active[1]]
    assert headers[:6] == ["Ad Soyad", "E-posta", "Telefon", "Doğum tarihi", "Cinsiyet", "Mahalle"]


@pytest.mark.django_db
def test_figures_count_members_by_state_age_gender_and_neighbourhood(client, assemblies, coordinator):
    from places.models import Neighbourhood

    cakmak = Neighbourhood.objects.get(name="Çakmak")
    MembershipFactory(assembly=assemblies["kadin"], state="approved", birth_date=years_ago(65), neighbourhood=cakmak)
    MembershipFactory(assembly=assemblies["kadin"], state="approved", birth_date=years_ago(25), neighbourhood=cakmak)
    MembershipFactory(assembly=assemblies["kadin"], state="applied", birth_date=years_ago(40))
    MembershipFactory(assembly=assemblies["genclik"], state="approved", birth_date=years_ago(20))
    client.force_login(coordinator)
    response = client.get("/admin/members/figures/")
    assert response.status_code == 200
    context = response.context
    assert dict((str(label), value) for label, value in context["by_state"])["Üye"] == 2
    ages = dict((str(label), value) for label, value in context["by_age"])
    assert (ages["18–29"], ages["60 ve üzeri"], ages["30–44"]) == (1, 1, 0)
    assert dict(context["by_neighbourhood"]) == {"Çakmak": 2}
    html = response.content.decode()
    assert "<svg" in html and 'aria-describedby="figures-age"' in html
    assert not re.search(r'(x|y|width)="\d+,\d', html), "SVG coordinates must not be localised"
