import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from complaints import statistics

SEED = Path(__file__).resolve().parent.parent.parent / "complaints" / "data"
PLACES = Path(__file__).resolve().parent.parent.parent / "places" / "data" / "mahalleler-2020.csv"
CHANNEL_LABELS = {
    "Telefon": "Telefon (çağrı merkezi)",
    "İnternet": "İnternet (web ve e-posta)",
    "Şahsen": "Şahsen",
    "Bilgi Edinme (4982)": "Bilgi edinme (4982 sayılı Kanun)",
    "CİMER (3071)": "CİMER (3071 sayılı Kanun)",
    "Açık Kapı": "Açık Kapı",
    "İBB Beyaz Masa": "İBB Beyaz Masa",
}


def rows(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
def test_the_2020_report_equals_the_seeds_tables_on_screen_in_excel_and_in_pdf(client, django_assert_max_num_queries):
    """One test, so the 91,599 cases are loaded once per database."""
    from complaints import groups
    from tests.factories import UserFactory

    call_command("load_report_year", year=2020, stdout=io.StringIO())
    with django_assert_max_num_queries(11):  # the answering table adds the medians and the reopenings
        report = statistics.report(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
    assert report.total == 91_599
    channels = {label: count for label, count, _days in report.table("channels").rows}
    assert channels == {
        CHANNEL_LABELS[row["kanal"]]: int(row["kayit_2020"]) for row in rows(SEED / "basvuru-kanallari-2020.csv")
    }
    assert report.table("topics").rows == [
        (row["konu"], int(row["adet_2020"])) for row in rows(SEED / "konular-ilk10-2020.csv")
    ]
    places = dict(report.table("neighbourhoods").rows)
    assert places == {row["mahalle"]: int(row["sikayet_talep_2020"]) for row in rows(PLACES)}
    assert report.table("neighbourhoods").total[1] == 88_200
    # Turkish alphabetical order, as in the report.
    assert list(places)[6:10] == ["Cemil Meriç", "Çakmak", "Çamlık", "Dumlupınar"]
    social = {label: (count, days) for label, count, days in report.table("social").rows}
    assert social == {
        row["platform"]: (int(row["birimlere_iletilen_evrak"]), float(row["ortalama_tamamlanma_gun"]))
        for row in rows(SEED / "sosyal-medya-2020.csv")
    }

    clerk = UserFactory()
    clerk.groups.add(groups.ensure_call_centre_group())
    client.force_login(clerk)
    page = client.get("/admin/cases/statistics/", {"year": 2020}).content.decode()
    assert "62979" in page.replace(".", "")
    assert 'aria-describedby="statistics-channels"' in page  # each chart tied to its table
    workbook = load_workbook(
        io.BytesIO(client.get("/admin/cases/statistics/", {"year": 2020, "format": "xlsx"}).content)
    )
    assert [cell.value for cell in workbook.worksheets[0][4]][:2] == ["Telefon (çağrı merkezi)", 62979]
    response = client.get("/admin/cases/statistics/", {"year": 2020, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace(".", "")
    for figure in ["62979", "6915", "Hayvanların Muayene ve Tedavileri", "Yukarı Dudullu", "3323", "Instagram"]:
        assert figure in text, figure


@pytest.mark.django_db
def test_only_the_call_centre_sees_the_statistics(client, veterinary):
    from complaints import groups
    from tests.factories import UserFactory

    staff = UserFactory()
    staff.groups.add(groups.ensure_directorate_group(veterinary))
    client.force_login(staff)
    assert client.get("/admin/cases/statistics/").url == "/admin/"
    page = client.get("/admin/cases/statistics/", {"start": "2020-05-01", "end": "2020-04-01"})
    assert page.status_code == 302


@pytest.mark.django_db
def test_a_backwards_range_is_explained(client, django_user_model):
    admin = django_user_model.objects.create_superuser("yonetici@example.org", "x")
    client.force_login(admin)
    page = client.get("/admin/cases/statistics/", {"start": "2020-05-01", "end": "2020-04-01"}).content.decode()
    assert "İlk gün son günden önce gelmeli" in page
