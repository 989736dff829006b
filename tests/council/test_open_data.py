"""The council's open data: the five files' columns and values, nothing personal, formula-safe CSV, JSON equal to
CSV, fixed query counts, the open-data page, and the council page's routes in the sitemap."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from council.models import AgendaItem, Body, CouncilPage, Meeting, Opinion, OpinionStep, Seat
from places.models import Neighbourhood
from tests.conftest import publish, translate

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HEADERS = {
    "meetings": [
        "id", "body", "kind", "title", "starts_at", "ends_at", "place", "reconvenes", "cancelled",
        "minutes_published", "url",
    ],
    "attendance": ["meeting_id", "body", "starts_at", "filled_seats", "present", "quorum_required", "quorum_met"],
    "minutes": [
        "meeting_id", "body", "starts_at", "minutes_approved_on", "item", "title", "outcome", "votes_for",
        "votes_against", "votes_abstaining",
    ],
    "opinions": [
        "number", "title", "text", "body", "topic", "neighbourhoods", "status", "status_date", "progress", "url",
    ],
    "opinion-steps": [
        "opinion_number", "step", "date", "letter_reference", "council_meeting_date", "council_item_number",
        "answer", "decision_number", "progress",
    ],
}  # fmt: skip


def neighbourhood(name):
    return Neighbourhood.objects.get_or_create(name=name)[0]


def at(day, hour=18):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, 30))


@pytest.fixture
def council_page(home_page):
    return publish(CouncilPage(title="Kurullar ve Görüşler", slug="kurullar"), parent=home_page)


@pytest.fixture
def english_council_page(council_page, english_home_page, locales):
    return translate(council_page, locales[1], title="Council's work", slug="council")


@pytest.fixture
def body(db):
    body = Body.objects.create(name="Yürütme Kurulu", slug="yurutme-kurulu", kind=Body.Kind.EXECUTIVE)
    Seat.objects.create(body=body, holder_name="Zeynep Arslan", holder_email="zeynep@example.org",
                        holder_phone="05321234567", substitute_name="Ali Demir", substitute_email="ali@example.org")  # fmt: skip
    return body


@pytest.fixture
def hidden_body(db):
    return Body.objects.create(name="Gizli Çalışma Grubu", slug="gizli", kind=Body.Kind.WORKING_GROUP, is_public=False)


@pytest.fixture
def approved(body, user):
    meeting = Meeting.objects.create(
        body=body, starts_at=at(10), place="Kent Konseyi Salonu", filled_seats=9, quorum_required=5,
        present_count=7, quorum_met=True, attendance_closed_at=at(10, 19), minutes_approved_at=at(20, 10),
        minutes_approved_by=user,
    )  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, sort_order=0, title="Açılış ve yoklama", outcome="informed")
    AgendaItem.objects.create(
        meeting=meeting, sort_order=1, title="Sokak hayvanları için görüş", outcome="opinion",
        discussion="Zeynep Arslan söz aldı.", votes_for=6, votes_against=0, votes_abstaining=1,
    )  # fmt: skip
    return meeting


@pytest.fixture
def unapproved(body):
    meeting = Meeting.objects.create(
        body=body, starts_at=at(24), place="Belediye Meclis Salonu", filled_seats=9, quorum_required=5,
        present_count=4, quorum_met=False, attendance_closed_at=at(24, 19),
    )  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, title="Moloz toplama hakkında taslak", outcome="adopted", votes_for=4)
    return meeting


@pytest.fixture
def opinion(body, approved, user):
    opinion = Opinion.objects.create(
        year=2026, sequence=3, title="Sokak hayvanlarına bakım evi", summary="Bakım evi açılmasını öneriyoruz.",
        body=body, agenda_item=approved.agenda_items.get(sort_order=1), topic="animals", status="accepted",
        status_on=datetime.date(2026, 4, 14), progress=0,
    )  # fmt: skip
    opinion.neighbourhoods.set([neighbourhood("Çakmak"), neighbourhood("Atakent")])
    steps = [
        OpinionStep(opinion=opinion, kind="formed", date=datetime.date(2026, 3, 10), recorded_by=user),
        OpinionStep(opinion=opinion, kind="sent", date=datetime.date(2026, 3, 23), letter_reference="E-2026/114",
                    recorded_by=user, note="Zeynep Arslan götürdü."),
        OpinionStep(opinion=opinion, kind="on_agenda", date=datetime.date(2026, 4, 1),
                    council_meeting_on=datetime.date(2026, 4, 7), council_item_number="12", recorded_by=user),
        OpinionStep(opinion=opinion, kind="answered", date=datetime.date(2026, 4, 14), answer="accepted",
                    decision_number="2026/88", decision_text="Kabul edildi.", recorded_by=user),
    ]  # fmt: skip
    OpinionStep.objects.bulk_create(steps)
    return opinion


def get_csv(client, dataset):
    response = client.get(f"/acik-veri/kent-konseyi/{dataset}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read Turkish letters"
    return list(csv.reader(io.StringIO(text[1:])))


def get_json(client, dataset):
    response = client.get(f"/acik-veri/kent-konseyi/{dataset}.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", list(HEADERS))
def test_each_file_has_its_documented_columns_even_when_empty(client, council_page, dataset):
    assert get_csv(client, dataset) == [HEADERS[dataset]]
    document = get_json(client, dataset)
    assert document["columns"] == HEADERS[dataset]
    assert document["rows"] == []
    assert document["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


@pytest.mark.django_db
def test_meetings_file_gives_istanbul_times_and_what_became_of_each_meeting(client, council_page, approved, unapproved):
    reconvened = Meeting.objects.create(body=approved.body, starts_at=at(31), place="Salon", reconvenes=unapproved,
                                        cancelled_at=at(28))  # fmt: skip
    rows = get_csv(client, "meetings")[1:]
    assert rows == [
        [str(approved.pk), "Yürütme Kurulu", "ordinary", "Yürütme Kurulu — 10.03.2026", "2026-03-10T18:30:00+03:00",
         "", "Kent Konseyi Salonu", "", "false", "true", f"http://localhost/kurullar/toplantilar/{approved.pk}/"],
        [str(unapproved.pk), "Yürütme Kurulu", "ordinary", "Yürütme Kurulu — 24.03.2026", "2026-03-24T18:30:00+03:00",
         "", "Belediye Meclis Salonu", "", "false", "false", f"http://localhost/kurullar/toplantilar/{unapproved.pk}/"],
        [str(reconvened.pk), "Yürütme Kurulu", "ordinary", "Yürütme Kurulu — 31.03.2026", "2026-03-31T18:30:00+03:00",
         "", "Salon", str(unapproved.pk), "true", "false", f"http://localhost/kurullar/toplantilar/{reconvened.pk}/"],
    ]  # fmt: skip


@pytest.mark.django_db
def test_attendance_file_has_figures_only(client, council_page, approved, unapproved):
    Meeting.objects.create(body=approved.body, starts_at=at(31), place="Salon")  # attendance not taken yet
    rows = get_csv(client, "attendance")[1:]
    assert rows == [
        [str(approved.pk), "Yürütme Kurulu", "2026-03-10T18:30:00+03:00", "9", "7", "5", "true"],
        [str(unapproved.pk), "Yürütme Kurulu", "2026-03-24T18:30:00+03:00", "9", "4", "5", "false"],
    ]


@pytest.mark.django_db
def test_minutes_file_holds_approved_minutes_only(client, council_page, approved, unapproved):
    rows = get_csv(client, "minutes")[1:]
    assert rows == [
        [str(approved.pk), "Yürütme Kurulu", "2026-03-10T18:30:00+03:00", "2026-03-20", "1", "Açılış ve yoklama",
         "informed", "", "", ""],
        [str(approved.pk), "Yürütme Kurulu", "2026-03-10T18:30:00+03:00", "2026-03-20", "2",
         "Sokak hayvanları için görüş", "opinion", "6", "0", "1"],
    ]  # fmt: skip
    assert "Moloz" not in json.dumps(get_json(client, "minutes"), ensure_ascii=False)


@pytest.mark.django_db
def test_opinion_and_its_steps(client, council_page, opinion):
    assert get_csv(client, "opinions")[1:] == [
        ["2026/3", "Sokak hayvanlarına bakım evi", "Bakım evi açılmasını öneriyoruz.", "Yürütme Kurulu", "animals",
         "Atakent; Çakmak", "accepted", "2026-04-14", "0", "http://localhost/kurullar/gorusler/2026-3/"],
    ]  # fmt: skip
    assert get_csv(client, "opinion-steps")[1:] == [
        ["2026/3", "formed", "2026-03-10", "", "", "", "", "", ""],
        ["2026/3", "sent", "2026-03-23", "E-2026/114", "", "", "", "", ""],
        ["2026/3", "on_agenda", "2026-04-01", "", "2026-04-07", "12", "", "", ""],
        ["2026/3", "answered", "2026-04-14", "", "", "", "accepted", "2026/88", ""],
    ]


@pytest.mark.django_db
def test_hidden_bodies_and_opinions_stay_out(client, council_page, hidden_body, opinion, user):
    secret = Meeting.objects.create(body=hidden_body, starts_at=at(12), place="Oda", minutes_approved_at=at(13),
                                    attendance_closed_at=at(12, 20), present_count=3, filled_seats=3)  # fmt: skip
    AgendaItem.objects.create(meeting=secret, title="Gizli gündem", outcome="adopted")
    of_hidden_body = Opinion.objects.create(year=2026, sequence=4, title="Gizli görüş", summary="-", body=hidden_body)
    OpinionStep.objects.create(opinion=of_hidden_body, kind="formed", date=datetime.date(2026, 3, 12))
    unlisted = Opinion.objects.create(year=2026, sequence=5, title="Taslak görüş", summary="-", body=opinion.body,
                                      is_public=False)  # fmt: skip
    OpinionStep.objects.create(opinion=unlisted, kind="formed", date=datetime.date(2026, 3, 12))
    everything = "".join(json.dumps(get_json(client, dataset), ensure_ascii=False) for dataset in HEADERS)
    for hidden in ("Gizli", "Taslak", "2026/4", "2026/5", f'"id": {secret.pk},'):
        assert hidden not in everything


@pytest.mark.django_db
def test_no_personal_data_in_any_file(client, council_page, opinion, unapproved, user):
    files = "".join(
        client.get(f"/acik-veri/kent-konseyi/{dataset}.{extension}").content.decode()
        for dataset in HEADERS
        for extension in ("csv", "json")
    )
    for personal in ("Zeynep", "Arslan", "Ali Demir", "@", "0532", user.first_name, user.last_name, user.email):
        assert personal not in files


@pytest.mark.django_db
def test_formula_injection_is_neutralised_in_csv_and_kept_as_written_in_json(client, council_page, opinion):
    opinion.title = '=HYPERLINK("http://evil.example","tıkla")'
    opinion.summary = "+90 216 000 00 00"
    opinion.save()
    Meeting.objects.create(body=opinion.body, starts_at=at(30), place="@SUM(A1:A9)")
    row = get_csv(client, "opinions")[1]
    assert row[1] == "'" + opinion.title
    assert row[2] == "'+90 216 000 00 00"
    assert get_csv(client, "meetings")[-1][6] == "'@SUM(A1:A9)"
    assert get_json(client, "opinions")["rows"][0]["title"] == opinion.title


def as_csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", list(HEADERS))
def test_json_holds_the_same_rows_as_csv(client, council_page, opinion, unapproved, dataset):
    csv_rows = get_csv(client, dataset)
    document = get_json(client, dataset)
    assert len(document["rows"]) >= 1
    assert [document["columns"]] + [[as_csv_cell(row[name]) for name in document["columns"]]
                                    for row in document["rows"]] == csv_rows  # fmt: skip


@pytest.mark.django_db
def test_json_keeps_types(client, council_page, opinion, approved):
    meeting = get_json(client, "meetings")["rows"][0]
    assert meeting["id"] == approved.pk
    assert meeting["minutes_published"] is True
    assert meeting["reconvenes"] is None
    assert get_json(client, "attendance")["rows"][0]["present"] == 7


@pytest.mark.django_db
def test_files_do_not_depend_on_language_and_may_be_cached(client, council_page, english_council_page, opinion):
    turkish = client.get("/acik-veri/kent-konseyi/opinions.csv")
    english = client.get("/acik-veri/kent-konseyi/opinions.csv", headers={"accept-language": "en"})
    assert turkish.content == english.content
    assert client.get("/en/acik-veri/kent-konseyi/opinions.csv").status_code == 404
    assert "public" in turkish["Cache-Control"] and "max-age" in turkish["Cache-Control"]
    again = client.get("/acik-veri/kent-konseyi/opinions.csv", headers={"if-none-match": turkish["ETag"]})
    assert again.status_code == 304
    assert client.get("/acik-veri/kent-konseyi/people.csv").status_code == 404
    assert client.post("/acik-veri/kent-konseyi/opinions.csv").status_code == 405


@pytest.mark.django_db
def test_a_meeting_still_being_prepared_is_published_nowhere(client, english_council_page, body):
    ahead = timezone.now() + datetime.timedelta(days=20)
    prepared = Meeting.objects.create(body=body, starts_at=ahead, place="Taslak Salonu")
    announced = Meeting.objects.create(body=body, starts_at=ahead, place="Duyurulu Salon",
                                       invitations_sent_at=timezone.now())  # fmt: skip
    assert [row[6] for row in get_csv(client, "meetings")[1:]] == ["Duyurulu Salon"]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/toplantilar/{announced.pk}/" in sitemap
    assert f"/toplantilar/{prepared.pk}/" not in sitemap


def add_rows(body, count, start):
    for n in range(start, start + count):
        meeting = Meeting.objects.create(body=body, starts_at=at(1 + n % 28), place=f"Salon {n}",
                                         attendance_closed_at=at(1), present_count=5, filled_seats=9,
                                         minutes_approved_at=at(2))  # fmt: skip
        AgendaItem.objects.create(meeting=meeting, title=f"Madde {n}", outcome="adopted")
        opinion = Opinion.objects.create(year=2025, sequence=n + 1, title=f"Görüş {n}", summary="-", body=body)
        opinion.neighbourhoods.add(Neighbourhood.objects.create(name=f"Mahalle {n}"))
        OpinionStep.objects.create(opinion=opinion, kind="formed", date=datetime.date(2025, 1, 1))


def count_queries(client, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", list(HEADERS))
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_query_count_does_not_grow_with_rows(client, council_page, body, dataset, extension,
                                             django_assert_max_num_queries):  # fmt: skip
    path = f"/acik-veri/kent-konseyi/{dataset}.{extension}"
    add_rows(body, 2, 0)
    few = count_queries(client, path, django_assert_max_num_queries)
    add_rows(body, 18, 2)
    with django_assert_max_num_queries(few):
        response = client.get(path)
    assert response.status_code == 200
    # The rows, the council page and its site for the links, and the opinions' neighbourhoods: no more.
    assert few <= 6


@pytest.mark.django_db
def test_open_data_page_lists_each_dataset_with_its_columns_rows_and_links(client, council_page, opinion, unapproved,
                                                                           django_assert_max_num_queries):  # fmt: skip
    few = count_queries(client, "/kurullar/acik-veri/", django_assert_max_num_queries)
    add_rows(opinion.body, 18, 10)
    with django_assert_max_num_queries(few):
        assert client.get("/kurullar/acik-veri/").status_code == 200
    Meeting.objects.filter(place__startswith="Salon ").delete()
    Opinion.objects.filter(year=2025).delete()
    response = client.get("/kurullar/acik-veri/")
    html = response.content.decode()
    for dataset, headers in HEADERS.items():
        assert f'href="/acik-veri/kent-konseyi/{dataset}.csv"' in html
        assert f'href="/acik-veri/kent-konseyi/{dataset}.json"' in html
        for header in headers:
            assert f"<code>{header}</code>" in html
    assert "CC BY 4.0" in html
    assert "https://creativecommons.org/licenses/by/4.0/deed.tr" in html
    summaries = {item["dataset"].slug: item["rows"] for item in response.context["datasets"]}
    assert summaries == {"meetings": 2, "attendance": 2, "minutes": 2, "opinions": 1, "opinion-steps": 4}
    changed = {item["dataset"].slug: item["changed"] for item in response.context["datasets"]}
    assert changed["minutes"] == at(20, 10)
    assert changed["attendance"] == at(24, 19)


@pytest.mark.django_db
def test_open_data_page_in_english(client, english_council_page, opinion):
    response = client.get("/en/council/acik-veri/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open data" in html
    assert "Creative Commons Attribution 4.0 International" in html
    assert "deed.en" in html
    assert 'href="/acik-veri/kent-konseyi/opinions.csv"' in html


@pytest.mark.django_db
def test_sitemap_lists_the_council_pages_routes_and_its_public_records(client, english_council_page, opinion,
                                                                       unapproved, hidden_body):  # fmt: skip
    Opinion.objects.create(year=2026, sequence=9, title="Taslak", summary="-", body=opinion.body, is_public=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP_NS}loc")}
    approved = opinion.agenda_item.meeting
    for base in ("http://localhost/kurullar/", "http://localhost/en/council/"):
        assert {
            base,
            f"{base}kurul/yurutme-kurulu/",
            f"{base}toplantilar/",
            f"{base}toplantilar/{approved.pk}/",
            f"{base}toplantilar/{unapproved.pk}/",
            f"{base}gorusler/",
            f"{base}gorusler/2026-3/",
            f"{base}acik-veri/",
        } <= locations
    assert not any("gizli" in location or "2026-9" in location for location in locations)


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_council_records(client, english_council_page, body,
                                                          django_assert_max_num_queries):  # fmt: skip
    add_rows(body, 2, 0)
    few = count_queries(client, "/sitemap.xml", django_assert_max_num_queries)
    add_rows(body, 18, 2)
    with django_assert_max_num_queries(few):
        response = client.get("/sitemap.xml")
    assert response.content.count(b"/gorusler/2025-") == 40
