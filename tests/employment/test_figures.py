"""İstihdam Merkezi rakamları: the report's four figures by year, on screen and in Excel, for the centre only."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from employment import access, statistics
from employment.models import CV, Firm, Occupation, Placement, Referral, Vacancy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def moment(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def centre_staff(db):
    user = UserFactory()
    user.groups.add(access.ensure_centre_group())
    return user


@pytest.fixture
def records():
    """2024: two CVs, one firm, one referral, one person employed; 2025: one of each but two referrals.
    The edges of the year are Istanbul's: 31 December 23:30 local is still that year."""
    firm = Firm.objects.create(
        name="Yıldız Gıda",
        tax_number="1234567890",
        sector="Gıda",
        contact_name="A",
        contact_phone="0",
        contact_email="a@example.org",
        created_at=moment(2024, 3, 1),
    )
    Firm.objects.create(
        name="Ada Lojistik",
        tax_number="1234567891",
        sector="Lojistik",
        contact_name="B",
        contact_phone="0",
        contact_email="b@example.org",
        created_at=moment(2025, 1, 1, 0),
    )
    first = CV.objects.create(full_name="Bir", created_at=moment(2024, 1, 1, 0))
    second = CV.objects.create(full_name="İki", created_at=moment(2024, 12, 31, 23))
    third = CV.objects.create(full_name="Üç", created_at=moment(2025, 6, 1))
    vacancy = Vacancy.objects.create(
        firm=firm,
        title="Aşçı",
        occupation=Occupation.objects.get(code="5120"),
        work_type="full_time",
        closing_date=datetime.date(2025, 12, 31),
    )
    agreed = Referral.objects.create(
        vacancy=vacancy, cv=first, origin="centre", status="agreed", agreed_at=moment(2024, 5, 5)
    )
    Referral.objects.create(vacancy=vacancy, cv=second, origin="centre", status="agreed", agreed_at=moment(2025, 2, 2))
    Referral.objects.create(vacancy=vacancy, cv=third, origin="centre", status="agreed", agreed_at=moment(2025, 3, 3))
    Referral.objects.create(
        vacancy=Vacancy.objects.create(
            firm=firm,
            title="Garson",
            occupation=Occupation.objects.get(code="5131"),
            work_type="shift",
            closing_date=datetime.date(2025, 12, 31),
        ),
        cv=first,
        origin="centre",
        status="asked",
    )  # asked, not yet agreed: not a referral in the figures
    Placement.objects.create(cv=first, firm=firm, referral=agreed, started_on=datetime.date(2024, 6, 1), source="phone")
    Placement.objects.create(cv=first, firm=firm, started_on=datetime.date(2024, 9, 1), source="phone")  # same person
    Placement.objects.create(cv=third, firm=firm, started_on=datetime.date(2025, 1, 2), source="employer")


def test_each_year_counts_what_the_report_counts(records, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        report = statistics.report(datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    table = report.tables[0]
    assert table.columns[1:] == ["2024", "2025"]
    assert table.rows == [
        ("Yeni Kayıt CV Sayısı", 2, 1),
        ("Yeni Kayıt Firma Sayısı", 1, 1),
        ("Yönlendirilen Toplam İş Sayısı", 1, 2),
        ("İstihdam Edilen Kişi Sayısı", 1, 1),
    ]


def test_a_range_of_days_is_cut_to_its_part_of_each_year(records):
    table = statistics.report(datetime.date(2024, 6, 1), datetime.date(2025, 1, 31)).tables[0]
    assert table.columns[1:] == ["01.06.2024–31.12.2024", "01.01.2025–31.01.2025"]
    assert [row[1:] for row in table.rows] == [(1, 0), (0, 1), (0, 0), (1, 1)]


def test_the_page_shows_the_table_and_a_chart_per_figure_and_gives_excel(client, centre_staff, records):
    client.force_login(centre_staff)
    page = client.get(reverse("employment_figures"), {"start": "2024-01-01", "end": "2025-12-31"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Yönlendirilen Toplam İş Sayısı" in html
    assert html.count('class="bar-chart"') == 4
    assert 'aria-describedby="employment-figures-referrals"' in html
    assert 'id="employment-figures-referrals"' in html
    workbook = client.get(reverse("employment_figures"), {"start": "2024-01-01", "end": "2025-12-31", "format": "xlsx"})
    assert workbook["Content-Disposition"] == 'attachment; filename="istihdam-merkezi-20240101-20251231.xlsx"'
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ("Rakam", "2024", "2025")
    assert rows[3] == ("Yönlendirilen Toplam İş Sayısı", 1, 2)


def test_the_page_starts_at_the_first_year_with_records(client, centre_staff, records):
    client.force_login(centre_staff)
    html = client.get(reverse("employment_figures")).content.decode()
    this_year = timezone.localdate().year
    assert f'<th scope="col">{this_year}</th>' in html
    assert '<th scope="col">2024</th>' in html
    assert '<th scope="col">2023</th>' not in html


def test_a_bad_period_is_answered_in_turkish(client, centre_staff):
    client.force_login(centre_staff)
    page = client.get(reverse("employment_figures"), {"start": "2025-02-01", "end": "2025-01-01"})
    assert page.status_code == 200
    assert "İlk gün son günden önce gelmeli." in page.content.decode()


def test_only_the_centre_sees_the_figures(client, user, centre_staff):
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("employment_figures")).status_code in (302, 403)
    client.force_login(centre_staff)
    assert client.get(reverse("employment_figures")).status_code == 200
