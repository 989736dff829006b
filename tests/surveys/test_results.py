"""Results checked against figures computed by hand, who may see them, and the exports."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from assemblies.coordinators import ensure_coordinator_group
from places.models import Neighbourhood
from surveys import responses, results
from surveys.models import SurveyPage
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, UserFactory
from tests.surveys.conftest import Q, hours, keyed, make_survey, question


def opt(survey, label, text):
    return {t: k for k, t in keyed(survey)[label].choice_list()}[text]


def row(survey, label, text):
    return {t: k for k, t in keyed(survey)[label].row_list()}[text]


@pytest.fixture
def ulasim(assembly):
    return make_survey(
        assembly,
        [
            question(Q.SINGLE, "Ulaşım", choices=["Otobüs", "Metro", "Yürüyüş"], required=False),
            question(Q.MULTIPLE, "İlgi alanları", choices=["Spor", "Sanat", "Bilim"]),
            question(Q.SCALE, "Memnuniyet"),
            question(Q.MATRIX, "Hizmetler", rows=["Parklar", "Ulaşım hizmeti"], required=False),
            question(Q.RANKING, "Öncelik", choices=["Park", "Kütüphane", "Spor salonu"], required=False),
            question(Q.NUMBER, "Saat", required=False),
            question(Q.LONG_TEXT, "Öneri", required=False),
        ],
        title="Mahalle anketi",
        slug="mahalle-anketi",
    )


def answers_of(survey, spec):
    k = {label: q.key for label, q in keyed(survey).items()}
    result = {}
    if "single" in spec:
        result[k["Ulaşım"]] = opt(survey, "Ulaşım", spec["single"])
    result[k["İlgi alanları"]] = [opt(survey, "İlgi alanları", text) for text in spec["multiple"]]
    result[k["Memnuniyet"]] = spec["scale"]
    if "matrix" in spec:
        result[k["Hizmetler"]] = {row(survey, "Hizmetler", text): value for text, value in spec["matrix"].items()}
    if "ranking" in spec:
        result[k["Öncelik"]] = {opt(survey, "Öncelik", text): place for text, place in spec["ranking"].items()}
    if "number" in spec:
        result[k["Saat"]] = spec["number"]
    if "text" in spec:
        result[k["Öneri"]] = spec["text"]
    return result


SPECS = [
    {
        "single": "Otobüs",
        "multiple": ["Spor", "Sanat"],
        "scale": 5,
        "matrix": {"Parklar": 5, "Ulaşım hizmeti": 3},
        "ranking": {"Park": 1, "Kütüphane": 2, "Spor salonu": 3},
        "number": "2",
        "text": "Daha çok park",
    },
    {
        "single": "Metro",
        "multiple": ["Spor"],
        "scale": 4,
        "matrix": {"Parklar": 4, "Ulaşım hizmeti": 3},
        "ranking": {"Kütüphane": 1, "Park": 2, "Spor salonu": 3},
        "number": "3.5",
    },
    {
        "single": "Otobüs",
        "multiple": ["Bilim", "Spor"],
        "scale": 4,
        "matrix": {"Parklar": 3},
        "ranking": {"Park": 1, "Spor salonu": 2, "Kütüphane": 3},
        "number": "10",
    },
    {"multiple": ["Sanat"], "scale": 2},
]


def fill(survey, specs=SPECS):
    places = list(Neighbourhood.objects.in_turkish_order()[:2])
    people = []
    for index, spec in enumerate(specs):
        person = UserFactory(neighbourhood=places[index % 2], birth_date=datetime.date(1990 - 30 * (index % 2), 1, 1))
        responses.save(survey, responses._token(survey, f"user:{person.pk}"), person, answers_of(survey, spec))
        people.append(person)
    return people


def by_label(report):
    return {result.question.label: result for result in report.results}


@pytest.mark.django_db
def test_figures_match_the_hand_count(ulasim):
    fill(ulasim)
    report = results.report(ulasim, include_texts=True)
    figures = by_label(report)
    assert report.total == 4

    single = figures["Ulaşım"]
    assert single.answered == 3
    assert [(r.label, r.count, r.percent) for r in single.rows] == [
        ("Otobüs", 2, 66.7),
        ("Metro", 1, 33.3),
        ("Yürüyüş", 0, 0.0),
    ]

    multiple = figures["İlgi alanları"]  # percentages of people, not of ticks: they add up to 150
    assert multiple.answered == 4
    assert [(r.label, r.count, r.percent) for r in multiple.rows] == [
        ("Spor", 3, 75.0),
        ("Sanat", 2, 50.0),
        ("Bilim", 1, 25.0),
    ]

    scale = figures["Memnuniyet"]
    assert scale.answered == 4 and scale.average == 3.75
    assert [r.count for r in scale.rows] == [0, 1, 0, 2, 1]

    matrix = figures["Hizmetler"]
    assert matrix.answered == 3
    assert [(r.label, r.count, r.average) for r in matrix.rows] == [("Parklar", 3, 4.0), ("Ulaşım hizmeti", 2, 3.0)]
    assert matrix.rows[0].values[2] == (1, 33.3)  # one of three people gave the parks a 3

    ranking = figures["Öncelik"]
    assert ranking.answered == 3
    assert [(r.label, r.average, r.count) for r in ranking.rows] == [
        ("Park", 1.33, 2),
        ("Kütüphane", 2.0, 1),
        ("Spor salonu", 2.67, 0),
    ]

    number = figures["Saat"]
    assert (number.answered, number.average, number.minimum, number.maximum) == (3, 5.17, 2, 10)

    text = figures["Öneri"]
    assert text.answered == 1 and text.texts == ["Daha çok park"]


@pytest.mark.django_db
def test_results_page_queries_do_not_grow_with_answers(client, ulasim, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    url = ulasim.url + "sonuclar/"
    fill(ulasim, SPECS[:1])
    client.get(url)  # the first visit sets up the admin's profile
    client.get(url)  # and the second finds the page's frame cached (theme/chrome.py)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    fill(ulasim, SPECS * 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert "41 kişi yanıt verdi." in response.content.decode()


@pytest.mark.django_db
def test_results_page_query_budget(client, ulasim, django_assert_max_num_queries):
    ulasim.closes_at, ulasim.results_public = hours(-1), True
    ulasim.opens_at = hours(-100)
    publish(ulasim)
    fill(ulasim)
    with django_assert_max_num_queries(40):
        assert client.get(ulasim.url + "sonuclar/").status_code == 200


@pytest.mark.django_db
def test_who_sees_the_results(client, ulasim, assembly, user):
    fill(ulasim)
    url = ulasim.url + "sonuclar/"
    assert client.get(url).status_code == 403  # still open: only coordinators
    coordinator = UserFactory(first_name="Elif")
    coordinator.groups.add(ensure_coordinator_group(assembly))
    client.force_login(coordinator)
    page = client.get(url)
    assert page.status_code == 200 and "Daha çok park" in page.content.decode()
    assert 'role="img"' in page.content.decode() and 'id="tablo-' in page.content.decode()

    client.force_login(user)
    assert client.get(url).status_code == 403
    ulasim.opens_at, ulasim.closes_at, ulasim.results_public = hours(-100), hours(-1), True
    publish(ulasim)
    page = client.get(url)
    assert page.status_code == 200
    assert "Daha çok park" not in page.content.decode()  # free text stays with the coordinators
    # So do breakdowns: a mahalle with one respondent would show that person's answer.
    asked = client.get(url, {"soru": keyed(ulasim)["Ulaşım"].key, "gore": "mahalle"})
    assert asked.context["breakdown"] is None and "Kırılım" not in asked.content.decode()
    ulasim.results_public = False
    publish(ulasim)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_breakdown_by_neighbourhood_and_age(client, ulasim, django_user_model):
    people = fill(ulasim)
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    key = keyed(ulasim)["Ulaşım"].key
    page = client.get(ulasim.url + "sonuclar/", {"soru": key, "gore": "mahalle"})
    breakdown = page.context["breakdown"]
    assert breakdown.columns == ["Otobüs", "Metro", "Yürüyüş"]
    first, second = people[0].neighbourhood.name, people[1].neighbourhood.name
    assert breakdown.rows == [(first, [2, 0, 0], 2), (second, [0, 1, 0], 1)]
    page = client.get(ulasim.url + "sonuclar/", {"soru": key, "gore": "yas"})
    assert page.context["breakdown"].rows == [("30–44", [2, 0, 0], 2), ("60 ve üzeri", [0, 1, 0], 1)]


@pytest.mark.django_db
def test_anonymous_surveys_offer_no_breakdown(client, ulasim, django_user_model):
    ulasim.anonymous = True
    publish(ulasim)
    fill(ulasim)
    client.force_login(django_user_model.objects.create_superuser(email="admin@example.org", password="x"))
    assert client.get(ulasim.url + "sonuclar/").context["breakdown"] is None


@pytest.mark.django_db
def test_export_has_a_column_per_question_and_option(client, ulasim, assembly):
    people = fill(ulasim)
    coordinator = UserFactory(first_name="Elif")
    coordinator.groups.add(ensure_coordinator_group(assembly))
    client.force_login(coordinator)
    response = client.get(f"/admin/surveys/{ulasim.pk}/export/csv/")
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == [
        "Yanıt no",
        "Tarih",
        "Ad Soyad",
        "E-posta",
        "Mahalle",
        "Yaş grubu",
        "Ulaşım",
        "İlgi alanları: Spor",
        "İlgi alanları: Sanat",
        "İlgi alanları: Bilim",
        "Memnuniyet",
        "Hizmetler: Parklar",
        "Hizmetler: Ulaşım hizmeti",
        "Öncelik: Park",
        "Öncelik: Kütüphane",
        "Öncelik: Spor salonu",
        "Saat",
        "Öneri",
    ]
    first = table[1]
    assert first[1] == timezone.localdate().strftime("%d.%m.%Y")  # "06.12.2026", not ISO
    assert first[3] == people[0].email and first[4] == people[0].neighbourhood.name
    assert first[6:] == ["Otobüs", "1", "1", "0", "5", "5", "3", "1", "2", "3", "2", "Daha çok park"]
    assert table[4][6:11] == ["", "0", "1", "0", "2"]
    assert len(table) == 5

    workbook = load_workbook(
        io.BytesIO(b"".join(client.get(f"/admin/surveys/{ulasim.pk}/export/xlsx/").streaming_content))
    )
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:7] == table[0][:7]
    assert sheet.max_row == 5


@pytest.mark.django_db
def test_exports_and_texts_stay_within_the_coordinators_assembly(client, ulasim, assembly_index):
    fill(ulasim)
    genclik = publish(AssemblyPageFactory(parent=assembly_index, title="Gençlik Meclisi", slug="genclik-meclisi"))
    outsider = UserFactory(first_name="Emre")
    outsider.groups.add(ensure_coordinator_group(genclik))
    client.force_login(outsider)
    assert client.get(f"/admin/surveys/{ulasim.pk}/export/csv/").status_code == 404
    assert client.get(ulasim.url + "sonuclar/").status_code == 403
    own = make_survey(genclik, [question(Q.YES_NO, "Gönüllü olur musunuz?")], title="Gönüllülük", slug="gonulluluk")
    volunteer = UserFactory(first_name="Deniz", last_name="Kaya")
    key = keyed(own)["Gönüllü olur musunuz?"].key
    responses.save(own, responses._token(own, f"user:{volunteer.pk}"), volunteer, {key: "yes"})
    response = client.get(f"/admin/surveys/{own.pk}/export/csv/")
    assert response.status_code == 200
    # Read to the end, as a coordinator's download is: their own survey's answer, nothing of the other assembly's.
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert table[0][-1] == "Gönüllü olur musunuz?"
    assert len(table) == 2
    assert table[1][2:4] == ["Deniz Kaya", volunteer.email] and table[1][-1] == "Evet"
    assert "Otobüs" not in str(table)


@pytest.mark.django_db
def test_anonymous_exports_carry_no_personal_columns(client, ulasim, django_user_model):
    ulasim.anonymous = True
    publish(ulasim)
    fill(ulasim)
    client.force_login(django_user_model.objects.create_superuser(email="admin@example.org", password="x"))
    text = b"".join(client.get(f"/admin/surveys/{ulasim.pk}/export/csv/").streaming_content).decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Yanıt no,Tarih,Ulaşım") and "E-posta" not in header


@pytest.mark.django_db
def test_survey_index_lists_open_surveys_and_published_results(client, survey_index, assembly):
    open_one = make_survey(survey_index, [question(Q.YES_NO, "Evet mi?")], title="Açık", slug="acik")
    make_survey(
        assembly,
        [question(Q.YES_NO, "Evet mi?")],
        title="Kapalı",
        slug="kapali",
        opens_at=hours(-10),
        closes_at=hours(-1),
        results_public=True,
    )
    make_survey(
        assembly,
        [question(Q.YES_NO, "Evet mi?")],
        title="Gizli sonuç",
        slug="gizli",
        opens_at=hours(-10),
        closes_at=hours(-1),
    )
    page = client.get(survey_index.url)
    assert [s.title for s in page.context["open_surveys"]] == [open_one.title]
    assert [s.title for s in page.context["published_results"]] == ["Kapalı"]
    assert SurveyPage.objects.count() == 3


@pytest.mark.django_db
def test_survey_listings_do_not_query_per_survey(client, survey_index, assembly):
    def counts():
        # Warm the site's caches: the first request also creates the settings rows, which resets the frame.
        for _ in range(2):
            client.get(survey_index.url)
            client.get(assembly.url)
        with CaptureQueriesContext(connection) as index:
            client.get(survey_index.url)
        with CaptureQueriesContext(connection) as assembly_page:
            client.get(assembly.url)
        return len(index), len(assembly_page)

    for number in range(2):
        make_survey(assembly, [question(Q.YES_NO, "Evet mi?")], title=f"Anket {number}", slug=f"anket-{number}")
    few = counts()
    for number in range(2, 8):
        make_survey(assembly, [question(Q.YES_NO, "Evet mi?")], title=f"Anket {number}", slug=f"anket-{number}")
    assert counts() == few
