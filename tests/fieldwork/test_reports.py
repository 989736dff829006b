"""The field team's reports on a fixed set of visits: per mahalle and month, satisfaction, cases opened and where
they stand; counted in a fixed number of queries; nobody outside the team reads them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case
from fieldwork import reports, visits
from fieldwork.models import FieldRequest, VisitKind
from places.models import Neighbourhood
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


def visit(officer, neighbourhood, day, satisfaction=None, request_text="", **fields):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
    return visits.record_visit(
        recorded_by=officer,
        neighbourhood=neighbourhood,
        visited_at=moment,
        satisfaction=satisfaction,
        business_name=fields.pop("business_name", "Yıldız Fırını"),
        request_text=request_text,
        **fields,
    )


@pytest.fixture
def fixed_visits(officer, supervisor, cakmak, asphalt):
    atakent = Neighbourhood.objects.get(name="Atakent")
    visit(officer, cakmak, DAY, satisfaction=5, request_text="Kaldırım kırık.", request_topic=asphalt)
    visit(officer, cakmak, DAY, satisfaction=3)
    visit(officer, atakent, DAY + datetime.timedelta(days=30), satisfaction=4, kind=VisitKind.EMPLOYER)
    visit(officer, atakent, DAY + datetime.timedelta(days=31), satisfaction=0)  # did not want to answer
    visit(officer, atakent, DAY - datetime.timedelta(days=400))  # a year before: outside the period
    request = FieldRequest.objects.get()
    visits.open_case(request, supervisor)


def test_the_report_counts_a_fixed_set_of_visits(fixed_visits):
    report = reports.report(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert report.total == 4
    places = {row[0]: row for row in report.table("neighbourhoods").rows}
    assert list(places) == ["Atakent", "Çakmak"]  # Turkish alphabetical order
    assert places["Çakmak"][1] == 2 and places["Çakmak"][-1] == 4.0  # average of 5 and 3
    assert places["Atakent"][1] == 2 and places["Atakent"][-1] == 4.0  # "did not want to answer" is not a score
    months = {row[0]: row[1] for row in report.table("months").rows}
    assert months["Mart 2026"] == 1 + 1 and months["Nisan 2026"] == 2 and months["Ocak 2026"] == 0
    satisfaction = dict(report.table("satisfaction").rows)
    assert satisfaction["5 – çok memnun"] == 1 and satisfaction["Cevap vermek istemedi"] == 1
    cases = report.table("cases")
    case = Case.objects.get()
    assert dict(cases.rows)[str(Case.Status(case.status).label)] == 1
    assert cases.total[1] == 1


def test_the_reports_page_takes_a_fixed_number_of_queries(client, officer, fixed_visits, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("fieldwork_reports") + "?year=2026"
    client.get(url)
    with django_assert_max_num_queries(30):
        page = client.get(url)
    assert page.status_code == 200
    assert "Çakmak" in page.content.decode()


@pytest.mark.parametrize("outsider", ["citizen", "call_centre"])
def test_nobody_outside_the_team_reads_the_reports(client, fixed_visits, outsider):
    from django.contrib.auth.models import Group, Permission

    person = UserFactory()
    if outsider == "call_centre":
        group, _ = Group.objects.get_or_create(name="Çözüm Merkezi")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        person.groups.add(group)
    client.force_login(person)
    answer = client.get(reverse("fieldwork_reports") + "?year=2026&format=xlsx")
    assert answer.status_code in (302, 403)
    assert "Çakmak" not in answer.content.decode(errors="replace")
