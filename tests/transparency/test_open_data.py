"""The open data: what a public report shows, what it never shows, and files that stay cheap to make."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from complaints.models import Supporter, Topic
from tests.transparency.conftest import RESIDENT
from transparency import open_data


def every_file(client):
    """Every dataset's CSV and JSON, for every year and for all years: {address: text}."""
    files = {}
    for dataset in open_data.DATASETS:
        for period in [open_data.ALL, *map(str, open_data.years())]:
            for extension in ("csv", "json"):
                url = open_data.file_url(dataset, period, extension)
                response = client.get(url)
                assert response.status_code == 200, url
                files[url] = response.content.decode("utf-8-sig")
    return files


def personal_traces(text):
    digits = re.sub(r"\D", "", text)
    found = [value for value in (RESIDENT["name"], "Karakaya", RESIDENT["email"], "Gülistan Sokak") if value in text]
    if RESIDENT["phone"][3:] in digits or "987 65 43" in text:
        found.append("phone")
    return found


@pytest.fixture
def published(make_case, works):
    """Public reports of 2024 and 2025, one moderated with a rounded point; others that must stay private."""
    shown = make_case(
        public_consent=True,
        public_description="Sokaktaki çukur onarılsın.",
        moderated_at=timezone.now(),
        latitude=Decimal("41.026789"),
        longitude=Decimal("29.123456"),
        answered_after=2,
        satisfaction=4,
    )
    Supporter.objects.create(case=shown, name="Mehmet Karakaya", email="mehmet@example.org", phone="+905551112233")
    unmoderated = make_case(public_consent=True, received=datetime.date(2025, 2, 1))
    hidden = make_case(public_consent=True, hidden_from_public=True, moderated_at=timezone.now())
    private = make_case(public_description="Onaysız metin", moderated_at=timezone.now())
    # Staff let the resident's own words through: the open data masks them as the public pages do.
    make_case(
        public_consent=True,
        moderated_at=timezone.now(),
        public_description=f"Ben {RESIDENT['name']}, 0533 987 65 43, {RESIDENT['address']} önündeki çukur.",
    )
    return shown, unmoderated, hidden, private


@pytest.mark.django_db
def test_a_public_report_in_the_open_data_without_anything_personal(client, home_page, published):
    shown, unmoderated, hidden, private = published
    document = json.loads(client.get("/seffaflik/veri/reports-all.json").content)
    assert document["licence"]["name"] == "CC BY 4.0"
    assert document["update_frequency"] == "daily"
    rows = {row["id"]: row for row in document["rows"]}
    assert shown.pk in rows and unmoderated.pk in rows
    assert hidden.pk not in rows and private.pk not in rows  # neither the hidden nor the unagreed one
    assert rows[shown.pk] == {
        "id": shown.pk,
        "kind": "request",
        "topic": "Asfalt Onarımı",
        "neighbourhood": "Çakmak",
        "latitude": 41.027,
        "longitude": 29.123,
        "status": "answered",
        "received_on": "2024-03-04",
        "answered_on": "2024-03-06",
        "description": "Sokaktaki çukur onarılsın.",
        "satisfaction": 4,
        "supporters": 1,
    }
    assert rows[unmoderated.pk]["description"] is None  # not checked by staff yet
    assert rows[unmoderated.pk]["latitude"] is None
    by_year = json.loads(client.get("/seffaflik/veri/reports-2025.json").content)["rows"]
    assert [row["id"] for row in by_year] == [unmoderated.pk]
    response = client.get("/seffaflik/veri/reports-2024.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"] and "creativecommons.org/licenses/by/4.0" in response["Link"]
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == [column.name for column in open_data.BY_SLUG["reports"].columns]  # data from the first line
    ids = [row[0] for row in table[1:]]
    assert str(shown.pk) in ids and str(unmoderated.pk) not in ids  # 2024's only


@pytest.mark.django_db
def test_no_personal_field_in_any_page_or_file(client, home_page, published):
    files = every_file(client)
    assert open_data.years()[0] == 2024
    assert len(files) == len(open_data.DATASETS) * 2 * (1 + len(open_data.years()))  # all, 2024, … this year
    files["dashboard"] = client.get("/seffaflik/", {"start": "2024-01-01", "end": "2025-12-31"}).content.decode()
    files["dashboard-en"] = client.get("/en/seffaflik/", {"year": 2024}).content.decode()
    files["catalogue"] = client.get("/seffaflik/veri/").content.decode()
    files["catalogue-en"] = client.get("/en/seffaflik/veri/").content.decode()
    files["dcat"] = client.get("/seffaflik/veri/dcat.jsonld").content.decode()
    for address, text in files.items():
        assert personal_traces(text) == [], address
        assert "41.026789" not in text and "29.123456" not in text, address
    assert "Onaysız metin" not in files["/seffaflik/veri/reports-all.csv"]
    assert "[ad gizlendi]" in files["/seffaflik/veri/reports-all.json"]


@pytest.mark.django_db
def test_cells_never_start_a_formula(client, home_page, make_case):
    make_case(public_consent=True, public_description='=HYPERLINK("http://x")', moderated_at=timezone.now())
    text = client.get("/seffaflik/veri/reports-all.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


@pytest.mark.django_db
def test_the_catalogue_and_dcat_list_every_file_with_its_licence(client, home_page, published):
    page = client.get("/seffaflik/veri/").content.decode()
    for dataset in open_data.DATASETS:
        assert f'href="/seffaflik/veri/{dataset.slug}-all.csv"' in page
        assert f'href="/seffaflik/veri/{dataset.slug}-2024.json"' in page
    assert "Creative Commons Atıf 4.0" in page
    assert "son güncelleme" in page
    response = client.get("/seffaflik/veri/dcat.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert len(catalogue["dcat:dataset"]) == len(open_data.DATASETS)
    reports = next(item for item in catalogue["dcat:dataset"] if item["dct:identifier"] == "reports")
    assert reports["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert reports["dct:accrualPeriodicity"]["@id"].endswith("/frequency/DAILY")
    addresses = {item["dcat:downloadURL"]["@id"] for item in reports["dcat:distribution"]}
    assert "http://testserver/seffaflik/veri/reports-all.csv" in addresses
    assert "http://testserver/seffaflik/veri/reports-2024.json" in addresses
    assert client.get("/seffaflik/veri/reports-1999.csv").status_code == 404
    assert client.get("/seffaflik/veri/names-all.csv").status_code == 404


@pytest.mark.django_db
def test_the_dashboard_is_linked_from_the_footer_and_the_catalogue(client, home_page):
    page = client.get("/").content.decode()
    assert 'href="/seffaflik/"' in page and "Şeffaflık: rakamlar ve açık veri" in page
    assert 'href="/seffaflik/"' in client.get("/seffaflik/veri/").content.decode()


@pytest.mark.django_db
def test_files_take_the_same_queries_for_few_and_many_reports(
    client, home_page, make_case, django_assert_max_num_queries
):
    def fresh_file():
        from django.core.cache import cache

        cache.clear()
        return client.get("/seffaflik/veri/reports-all.json")

    for _ in range(2):
        make_case(public_consent=True, moderated_at=timezone.now(), public_description="Çukur.")
    with django_assert_max_num_queries(3) as few:
        assert len(json.loads(fresh_file().content)["rows"]) == 2
    for _ in range(20):
        make_case(public_consent=True)
    with django_assert_max_num_queries(3) as many:
        assert len(json.loads(fresh_file().content)["rows"]) == 22
    assert len(many) == len(few)
    # The dashboard counting its figures afresh (not from the cache) asks the same queries for more cases.
    from django.core.cache import cache

    from transparency import figures

    client.get("/seffaflik/", {"year": 2024})
    counted = []
    for _ in range(2):
        cache.delete(figures.cache_key(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "tr"))
        with django_assert_max_num_queries(20) as queries:
            client.get("/seffaflik/", {"year": 2024})
        counted.append(len([query for query in queries.captured_queries if "complaints_" in query["sql"]]))
        make_case(answered_after=3, satisfaction=2, topic=Topic.objects.get(name="Moloz Alımı"))
    assert counted[0] == counted[1]


@pytest.mark.django_db
def test_the_sitemap_lists_the_dashboard_and_the_catalogue_in_both_languages(client, english_home_page):
    sitemap = client.get("/sitemap.xml").content.decode()
    for address in ("/seffaflik/", "/seffaflik/veri/", "/en/seffaflik/", "/en/seffaflik/veri/"):
        assert f"{address}</loc>" in sitemap, address
