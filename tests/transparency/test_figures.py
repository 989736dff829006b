"""The dashboard shows the register's own figures: the same as the admin's statistics for the same period."""

import datetime
import json

import pytest
from django.test import Client

from complaints import groups, statistics
from complaints.models import Case, Channel, Topic
from tests.factories import UserFactory
from tests.transparency.conftest import reopen

YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


@pytest.fixture
def register(make_case, works, veterinary):
    """A small year of the register: Fen İşleri answers in 1, 2 and 30 days, Veteriner İşleri once in 3."""
    animal = Topic.objects.get(name="Sokak Hayvanı Şikâyeti")
    quick = make_case(answered_after=1, satisfaction=5)
    make_case(answered_after=2, satisfaction=3, channel=Channel.INTERNET)
    late = make_case(answered_after=30)  # past the 10 working days of a phone case
    make_case(received=datetime.date(2024, 6, 1))  # open, its deadline long passed: counts as late
    make_case(received=datetime.date(2024, 6, 2), topic=animal, answered_after=3, satisfaction=4)
    make_case(received=datetime.date(2023, 12, 31), answered_after=1, satisfaction=1)  # the year before
    reopen(quick, datetime.date(2024, 3, 6))
    reopen(late, datetime.date(2024, 4, 10))
    reopen(late, datetime.date(2025, 1, 2))  # next year's reopening
    return works, veterinary


@pytest.mark.django_db
def test_the_register_counts_median_deadline_reopenings_and_satisfaction(register):
    works, veterinary = register
    rows = {row[0]: row[1:] for row in statistics.report(*YEAR).table("answering").rows}
    # cases, answered, median days, % within deadline, reopened, satisfaction, rated
    assert rows[works.name] == (4, 3, 2.0, 50.0, 2, 4.0, 2)
    assert rows[veterinary.name] == (1, 1, 3.0, 100.0, 0, 4.0, 1)
    # An even number of answers: the median is the mean of the middle two.
    two = statistics.report(datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)).table("answering").rows
    assert two[0][:4] == (works.name, 3, 3, 2.0)


@pytest.mark.django_db
def test_the_dashboard_shows_the_admins_figures_for_the_same_period(client, home_page, register):
    works, _veterinary = register
    query = {"start": "2024-01-01", "end": "2024-12-31"}
    response = client.get("/seffaflik/", query)
    assert response.status_code == 200
    shown = response.context["report"]
    expected = statistics.report(*YEAR)
    assert shown.total == expected.total == 5
    assert [(table.key, table.rows, table.total) for table in shown.tables] == [
        (table.key, table.rows, table.total) for table in expected.tables
    ]
    page = response.content.decode()
    assert "Müdürlüklerin yanıtları: süre, yasal süre, yeniden açılanlar ve memnuniyet" in page
    assert 'aria-describedby="tablo-answering"' in page  # the chart tied to its table
    row = page.split(f'<th scope="row">{works.name}</th>')[-1].split("</tr>")[0]
    assert [cell.split(">")[1] for cell in row.split("</td>")[:-1]] == ["4", "3", "2,0", "50,0", "2", "4,0", "2"]

    clerk = UserFactory()
    clerk.groups.add(groups.ensure_call_centre_group())
    staff = Client()
    staff.force_login(clerk)
    admin = staff.get("/admin/cases/statistics/", query)
    assert [(table.key, table.rows) for table in admin.context["report"].tables] == [
        (table.key, table.rows) for table in shown.tables
    ]
    admin_page = admin.content.decode()
    assert "Müdürlüklerin yanıtları: süre, yasal süre, yeniden açılanlar ve memnuniyet" in admin_page
    assert "Yasal süresinde yanıtlanan (%)" in admin_page
    assert ">50,0</text>" in admin_page  # the chart of the share within the deadline, written the Turkish way


@pytest.mark.django_db
def test_the_open_data_aggregates_are_the_dashboards(client, home_page, register):
    works, _veterinary = register
    expected = statistics.report(*YEAR)
    document = json.loads(client.get("/seffaflik/veri/answering-2024.json").content)
    assert document["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert [list(row.values())[1:] for row in document["rows"]] == [
        list(row) for row in expected.table("answering").rows
    ]
    channels = json.loads(client.get("/seffaflik/veri/channels-2024.json").content)["rows"]
    assert {row["channel"]: row["cases"] for row in channels}["Telefon (çağrı merkezi)"] == 4
    every_year = json.loads(client.get("/seffaflik/veri/answering-all.json").content)["rows"]
    assert {row["year"] for row in every_year} >= {2023, 2024}
    csv = client.get("/seffaflik/veri/answering-2024.csv").content.decode("utf-8-sig").splitlines()
    assert csv[0] == (
        "year,directorate,cases,answered,median_days_to_answer,answered_within_deadline_percent,reopened,"
        "satisfaction_mean,satisfaction_count"
    )
    assert f"2024,{works.name},4,3,2.0,50.0,2,4.0,2" in csv


@pytest.mark.django_db
def test_the_figures_are_kept_for_the_next_visitor(client, home_page, register, django_assert_max_num_queries):
    client.get("/seffaflik/", {"year": 2024})
    with django_assert_max_num_queries(4):  # the page's own: site, settings, menu; never the register
        response = client.get("/seffaflik/", {"year": 2024})
    assert response.context["report"].total == 5
    assert Case.objects.count() == 6
