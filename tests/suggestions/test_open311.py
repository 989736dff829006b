import json
from pathlib import Path

import pytest
from defusedxml import ElementTree
from jsonschema import Draft4Validator
from referencing import Registry, Resource

from complaints import cases
from complaints.models import ApiKey, Case, Channel, Topic
from tests.complaints import conftest as register

make_case = register.make_case  # a case filed as the register files it
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "open311"
API = "/open311/v2/"


def schema(name):
    """A validator for one of the spec's schemas, with the others available to its $refs."""
    documents = {
        path.name: json.loads(path.read_text()) for path in SCHEMAS.glob("*.json") if path.name != "swagger.json"
    }
    registry = Registry().with_resources(
        (name_, Resource.from_contents(document, default_specification=_draft4()))
        for name_, document in documents.items()
    )
    return Draft4Validator(documents[name], registry=registry)


def _draft4():
    from referencing.jsonschema import DRAFT4

    return DRAFT4


@pytest.fixture
def partner(db):
    key = ApiKey(name="İBB Beyaz Masa")
    secret = key.issue()
    key.save()
    return secret


@pytest.fixture
def answered(make_case):
    case = make_case(
        topic=Topic.objects.get(name="Moloz Alımı"),
        description="Kaldırımdaki moloz torbaları alınmadı.",
        address="Saray Mahallesi, Fatih Sultan Mehmet Caddesi 3",
        latitude="41.020000",
        longitude="29.110000",
    )
    cases.answer(case, "Molozlar 26 Kasım'da alındı.")
    return case


def test_services_and_their_definitions_follow_the_spec(client, db):
    services = client.get(API + "services.json").json()
    schema("services.json").validate(services)
    for service in services:
        schema("service.json").validate(service)
    assert {
        "service_code": str(Topic.objects.get(name="Moloz Alımı").pk),
        "service_name": "Moloz Alımı",
    }.items() <= next(service for service in services if service["service_name"] == "Moloz Alımı").items()
    definition = client.get(API + f"services/{services[0]['service_code']}.json").json()
    schema("service-definition.json").validate(definition)
    assert {attribute["code"] for attribute in definition["attributes"]} == {"kind", "mahalle"}


def test_requests_follow_the_spec_and_are_read_only_by_partners(client, answered, partner):
    listing = client.get(API + "requests.json", {"api_key": partner}).json()
    schema("requests.json").validate(listing)
    item = next(entry for entry in listing if entry["service_request_id"] == answered.tracking_number)
    schema("request.json").validate(item)
    assert item["status"] == "closed" and item["agency_responsible"] == "Temizlik İşleri Müdürlüğü"
    private = client.get(API + f"requests/{answered.tracking_number}.json", {"api_key": partner}).json()
    schema("requests.json").validate(private)
    assert private[0]["description"] == "Kaldırımdaki moloz torbaları alınmadı."
    assert (private[0]["lat"], private[0]["long"]) == (41.02, 29.11)
    assert private[0]["status_notes"] == "Molozlar 26 Kasım'da alındı."


@pytest.mark.parametrize("url", ["requests.json", "requests.xml", "requests/{number}.json"])
def test_without_a_key_no_tracking_number_is_given_out(client, answered, url):
    response = client.get(API + url.format(number=answered.tracking_number))
    assert response.status_code == 403
    assert answered.tracking_number not in response.content.decode()
    assert "api_key" in response.content.decode()


def test_the_same_answers_in_xml(client, answered, partner):
    root = ElementTree.fromstring(client.get(API + "requests.xml", {"api_key": partner}).content)
    assert root.tag == "service_requests"
    found = [
        node for node in root.findall("request") if node.findtext("service_request_id") == answered.tracking_number
    ]
    assert found[0].findtext("status") == "closed"
    services = ElementTree.fromstring(client.get(API + "services.xml").content)
    assert "Moloz Alımı" in [node.findtext("service_name") for node in services.findall("service")]
    error = ElementTree.fromstring(client.get(API + "requests/000000000.xml", {"api_key": partner}).content)
    assert error.tag == "errors" and error.find("error").findtext("code") == "404"


def test_filters_by_status_service_and_dates(client, answered, make_case, partner):
    other = make_case(topic=Topic.objects.get(name="Asfalt Onarımı"))

    def ids(**query):
        listing = client.get(API + "requests.json", {**query, "api_key": partner}).json()
        return {entry["service_request_id"] for entry in listing}

    assert ids(status="open") == {other.tracking_number}
    assert ids(status="closed") == {answered.tracking_number}
    assert ids(service_code=str(other.topic_id)) == {other.tracking_number}
    assert ids(service_request_id=f"{answered.tracking_number},{other.tracking_number}") == {
        answered.tracking_number,
        other.tracking_number,
    }
    Case.objects.filter(pk=other.pk).update(received_at="2025-01-10T10:00:00+03:00")
    assert other.tracking_number not in ids()  # outside the 90-day default window
    assert ids(start_date="2025-01-01T00:00:00+03:00", end_date="2025-02-01T00:00:00+03:00") == {other.tracking_number}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("requests.json?start_date=dün", 400),
        ("requests.json?status=pending", 400),
        ("requests.json?service_code=abc", 400),
        ("requests/123456789.json", 404),
        ("services/9999.json", 404),
        ("tokens/not-a-token.json", 404),
        ("requests.json?api_key=wrong", 403),
    ],
)
def test_errors_come_in_the_specs_format(client, partner, url, status):
    if "api_key" not in url:
        url += ("&" if "?" in url else "?") + "api_key=" + partner
    response = client.get(API + url)
    assert response.status_code == status
    body = response.json()
    assert body[0]["code"] == status and body[0]["description"]


def test_posting_needs_a_valid_key(client, db):
    topic = Topic.objects.get(name="Asfalt Onarımı")
    data = {
        "service_code": topic.pk,
        "address_string": "Tavukçuyolu Caddesi",
        "description": "Yolda büyük bir çukur var.",
    }
    assert client.post(API + "requests.json", data).status_code == 403
    assert client.post(API + "requests.json", {**data, "api_key": "yanlis"}).status_code == 403
    assert not Case.objects.exists()


def test_a_partner_posts_a_case_through_the_boxs_rules(client, partner, sms_outbox, django_capture_on_commit_callbacks):
    topic = Topic.objects.get(name="Asfalt Onarımı")
    data = {
        "api_key": partner,
        "service_code": topic.pk,
        "lat": "41.0301",
        "long": "29.1102",
        "address_string": "Tavukçuyolu Caddesi 10",
        "description": "Yolda büyük bir çukur var, araçlar zarar görüyor.",
        "first_name": "Hakan",
        "last_name": "Demir",
        "phone": "0532 111 22 33",
        "attribute[kind]": "complaint",
        "attribute[mahalle]": "tepeustu",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(API + "requests.json", data)
    assert response.status_code == 201
    body = response.json()[0]
    case = Case.objects.get(tracking_number=body["service_request_id"])
    assert (case.channel, case.kind, case.topic, case.neighbourhood.name, case.phone) == (
        Channel.OPEN311,
        Case.Kind.COMPLAINT,
        topic,
        "Tepeüstü",
        "+905321112233",
    )
    assert case.consent_document == "Open311: İBB Beyaz Masa"
    assert case.display_number in sms_outbox[0].text
    token = client.get(API + f"tokens/{body['token']}.json").json()
    assert token[0]["service_request_id"] == case.tracking_number
    # The box's own validation, in the spec's error format.
    refused = client.post(API + "requests.json", {**data, "description": "kısa", "phone": "12"})
    assert refused.status_code == 400
    assert "description" in refused.json()[0]["description"] and "phone" in refused.json()[0]["description"]
    assert client.post(API + "requests.json", {**data, "lat": "", "long": "", "address_string": ""}).status_code == 400


def test_partners_are_rate_limited(client, partner, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "open311_post": "1/m/key"}
    topic = Topic.objects.get(name="Asfalt Onarımı")
    data = {
        "api_key": partner,
        "service_code": topic.pk,
        "address_string": "Alemdağ",
        "description": "Sokak lambası yanmıyor.",
    }
    assert client.post(API + "requests.json", data).status_code == 201
    response = client.post(API + "requests.json", data)
    assert response.status_code == 429 and response.json()[0]["code"] == 429


def test_the_listing_takes_a_fixed_number_of_queries(client, make_case, partner, django_assert_max_num_queries):
    from complaints.demo import create_cases

    create_cases(5, days=30)
    with django_assert_max_num_queries(6):
        client.get(API + "requests.json", {"api_key": partner})
    create_cases(200, days=30)
    with django_assert_max_num_queries(6):
        assert len(client.get(API + "requests.json", {"api_key": partner}).json()) == 205


def test_keys_are_stored_hashed_and_shown_once(client, db):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/snippets/complaints/apikey/add/", {"name": "Çağrı merkezi yazılımı", "active": "on"}, follow=True
    )
    key = ApiKey.objects.get()
    message = response.content.decode()
    secret = message.split("gösterilmeyecek: ")[1].split("<")[0].strip()
    assert ApiKey.objects.matching(secret) == key
    assert secret not in json.dumps(list(ApiKey.objects.values()), default=str)


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [("post", "services.json", "GET"), ("delete", "requests.json", "GET, POST"), ("put", "discovery.json", "GET")],
)
def test_a_wrong_method_gets_the_specs_error_document(client, db, method, url, allowed):
    response = getattr(client, method)(API + url)
    assert response.status_code == 405
    assert response["Allow"] == allowed
    body = response.json()
    assert body[0]["code"] == 405 and body[0]["description"]


def test_a_wrong_method_in_xml_gets_an_xml_error(client, db):
    response = client.post(API + "services.xml")
    assert response.status_code == 405
    assert ElementTree.fromstring(response.content).find("error/code").text == "405"


@pytest.mark.parametrize(
    ("method", "url", "data", "status"),
    [
        # Dates that look right but are not (no 30 February, no 25 o'clock, no +99:99), or that overflow
        # once the 90-day window or the conversion to UTC is applied.
        ("get", "requests.json?start_date=2026-02-30T10:00:00", None, 400),
        ("get", "requests.json?end_date=2026-12-01T25:00:00", None, 400),
        ("get", "requests.json?start_date=2026-01-01T10:00:00%2B99:99", None, 400),
        ("get", "requests.json?end_date=0001-01-01T00:00:00Z", None, 400),
        ("get", "requests.json?start_date=9999-12-31T23:59:59-23:00", None, 400),
        # A digit that is not 0-9, and a number no database column holds.
        ("get", "services/%C2%B2.json", None, 404),
        ("get", "services/99999999999999999999999.json", None, 404),
        ("get", "requests.json?service_code=%C2%B2", None, 400),
        ("get", "requests.json?service_code=99999999999999999999999", None, 400),
        ("post", "requests.json", {"service_code": "²"}, 404),
        # NUL characters, which PostgreSQL refuses in any text it is given.
        ("get", "requests/%00.json", None, 400),
        ("get", "requests.json?service_request_id=%00", None, 400),
        ("get", "tokens/%00.json", None, 400),
        ("post", "requests.json", {"service_code": "1", "attribute[mahalle]": "\x00"}, 400),
        ("post", "requests.json", {"service_code": "1", "address_string": "Cadde\x00"}, 400),
        # Unknown addresses and methods answer in the same format.
        ("get", "nothing-here.json", None, 404),
        ("get", "requests", None, 404),
        ("put", "services.json", None, 405),
        ("delete", "requests.json", None, 405),
        ("post", "discovery.json", {}, 405),
    ],
)
def test_every_failure_is_an_open311_error_not_a_500(client, partner, method, url, data, status):
    if method == "post":
        data = {"api_key": partner, **data}
    else:
        url += ("&" if "?" in url else "?") + "api_key=" + partner
    response = getattr(client, method)(API + url, data) if data is not None else getattr(client, method)(API + url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body[0]["code"] == status and body[0]["description"]


def test_unknown_addresses_under_open311_and_xml_errors(client, db):
    response = client.get("/open311/v3/services.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404
    root = ElementTree.fromstring(client.get(API + "services/%C2%B2.xml").content)
    assert root.tag == "errors" and root.find("error").findtext("code") == "404"
    root = ElementTree.fromstring(client.put(API + "services.xml").content)
    assert root.find("error").findtext("code") == "405"


def test_a_malformed_body_is_an_open311_error(client, partner):
    broken = client.generic(
        "POST",
        API + "requests.json",
        b'--x\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n' + partner.encode(),
        content_type="multipart/form-data; boundary=",
    )
    assert broken.status_code == 400 and broken.json()[0]["code"] == 400
    too_many = client.post(
        API + "requests.json",
        "&".join(f"f{n}=1" for n in range(10_001)),
        content_type="application/x-www-form-urlencoded",
    )
    assert too_many.status_code == 400 and too_many.json()[0]["code"] == 400
