"""What staff read about a case, on screen and in exports: words, local times, no raw values."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest

from complaints import cases
from complaints.models import Case, Topic

ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")


@pytest.fixture
def case(make_case):
    # 03:14 UTC is 06:14 in Istanbul: an export in UTC would say 03:14.
    received = datetime.datetime(2026, 12, 6, 3, 14, 56, 579161, tzinfo=datetime.UTC)
    return make_case(
        kind=Case.Kind.COMPLAINT,
        topic=Topic.objects.get(name="Sokak Hayvanı Şikâyeti"),  # routed to the Veterinary directorate at once
        email="",
        reply_by=Case.ReplyBy.SMS,
        received_at=received,
    )


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # Excel reads the Turkish letters
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_the_case_export_gives_local_time_and_words(client, clerk, case):
    client.force_login(clerk)
    (row,) = csv_rows(client.get("/admin/cases/?export=csv"))
    assert row["Alındığı an"] == "06.12.2026 06:14"
    assert row["Tür"] == "Şikâyet" and row["Kanal"] == "Telefon (çağrı merkezi)"
    assert "None" not in row.values() and "+00:00" not in "".join(row.values())

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/admin/cases/?export=xlsx").streaming_content)))
    headings = [cell.value for cell in workbook.active[1]]
    received = workbook.active[2][headings.index("Alındığı an")].value
    assert received.replace(microsecond=0) == datetime.datetime(2026, 12, 6, 6, 14, 56)


@pytest.mark.django_db
def test_a_cases_history_names_fields_and_values_in_words(client, clerk, case):
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{case.pk}/").content.decode()
    assert "Müdürlük: — → Veteriner İşleri Müdürlüğü" in page
    assert "directorate:" not in page and "status:" not in page


@pytest.mark.django_db
def test_an_edited_due_date_reads_as_a_date(case, clerk):
    before = Case.objects.get(pk=case.pk)
    case.due_on = datetime.date(2027, 1, 8)
    cases.save_edit(before, case, actor=clerk)
    (label, old, new) = case.events.last().changes_shown()[0]
    assert (label, new) == ("Son yanıt tarihi", "08.01.2027") and "-" not in old


@pytest.mark.django_db
def test_a_missing_contact_leaves_no_empty_separator(client, clerk, case):
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{case.pk}/").content.decode()
    assert "· ·" not in page
    assert "Ayşe Yılmaz · 0532 123 45 67 · Kısa mesaj (SMS)" in page
