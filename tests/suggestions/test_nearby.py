"""Before sending: the open public reports of the same topic nearby, adding one's voice, and their notices."""

import math
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import cases
from complaints.models import Case, CaseEvent, Channel, Supporter, Topic
from places.models import Neighbourhood
from suggestions import nearby

BOX = "/oneri-kutusu/"
# A point on the public grid (0.001°), so distances from the public point are the distances from the case.
SPOT = (Decimal("41.016000"), Decimal("29.124000"))


def north_of(point, metres):
    """The point `metres` due north (0.001° of latitude is 111.2 m)."""
    return (point[0] + Decimal(str(round(metres / 111_195, 6))), point[1])


def east_of(point, metres):
    return (point[0], point[1] + Decimal(str(round(metres / (111_195 * math.cos(math.radians(41.016))), 6))))


@pytest.fixture
def rubbish(db):
    return Topic.objects.get(name="Çöp Toplama")


@pytest.fixture
def report(db, rubbish, django_capture_on_commit_callbacks):
    """Filed as the box files it: a resident agreed to it being public."""

    def make(point=SPOT, topic=None, **fields):
        defaults = {
            "channel": Channel.SUGGESTION_BOX,
            "kind": Case.Kind.COMPLAINT,
            "topic": topic or rubbish,
            "neighbourhood": Neighbourhood.objects.get(name="Tantavi"),
            "address": "Alemdağ Cad. No: 5",
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "description": "Konteyner üç gündür boşaltılmadı.",
            "name": "Ayşe Yılmaz",
            "phone": "+905321234567",
            "email": "ayse@example.org",
            "reply_by": Case.ReplyBy.EMAIL,
            "consent_at": timezone.now(),
            "public_consent": True,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return cases.file_case(**{**defaults, **fields})

    return make


def found(topic, point=None, address="", neighbourhood=None):
    latitude, longitude = point or (None, None)
    return [candidate.case for candidate in nearby.find(topic, latitude, longitude, address, neighbourhood)]


def test_reports_within_150_m_are_suggested_and_not_at_200_m(report, rubbish):
    case = report()
    assert found(rubbish, north_of(SPOT, 140)) == [case]
    assert found(rubbish, east_of(SPOT, 140)) == [case]
    assert found(rubbish, north_of(SPOT, 200)) == []
    assert found(rubbish, east_of(SPOT, 200)) == []
    assert nearby.find(rubbish, *north_of(SPOT, 100))[0].distance == 100


def test_distances_are_measured_from_the_public_point_not_the_exact_one(report, rubbish):
    """The exact point is 140 m away but its public (rounded) point 70 m nearer: asking reveals no more than the map."""
    exact = (Decimal("41.016499"), Decimal("29.124000"))  # rounds to 41.016 (55 m south of the exact point)
    case = report(point=exact)
    assert found(rubbish, north_of(SPOT, 145)) == [case]  # 90 m from the exact point, 145 m from the public one
    assert found(rubbish, north_of(SPOT, 160)) == []  # 105 m from the exact point: still not


def test_the_same_street_is_matched_however_it_is_written(report, rubbish):
    case = report(point=None, address="Alemdağ Cad. No: 5")
    tantavi = Neighbourhood.objects.get(name="Tantavi")
    assert found(rubbish, address="ALEMDAĞ CADDESİ 40", neighbourhood=tantavi) == [case]
    assert found(rubbish, address="alemdag cd. no 7") == [case]
    assert found(rubbish, address="Alemdağ Sokak 7") == []  # another street of the same name
    assert found(rubbish, address="Parkın önü") == []


def test_the_streets_are_read_again_only_when_a_report_the_box_may_offer_changes(report, rubbish):
    """Nearly every sending asks; the box keeps the offered streets until an open public report is saved."""
    tantavi = Neighbourhood.objects.get(name="Tantavi")

    def ask():
        with CaptureQueriesContext(connection) as queries:
            cases = found(rubbish, address="Alemdağ Caddesi 40", neighbourhood=tantavi)
        return cases, len([query for query in queries if "complaints_case" in query["sql"]])

    assert ask() == ([], 1)
    private = report(point=None, public_consent=False)
    assert ask() == ([], 0)  # not one the box may offer: the copy stands, no query
    offered = report(point=None)
    assert ask() == ([offered], 2)  # the streets again, then the report in full
    private.public_consent = True  # the resident agreed later, or staff showed it again
    private.save()
    assert ask()[0] == [offered, private]  # newest first


def test_another_topic_is_not_suggested(report, rubbish):
    report(topic=Topic.objects.get(name="Asfalt Onarımı"))
    assert found(rubbish, SPOT, "Alemdağ Cad. 5") == []


@pytest.mark.parametrize(
    "change",
    [
        {"public_consent": False},
        {"hidden_from_public": True},
        {"status": Case.Status.ANSWERED},
        {"status": Case.Status.CLOSED},
        {"anonymised_at": timezone.now()},
    ],
)
def test_reports_the_public_may_not_see_or_that_are_finished_are_never_suggested(report, rubbish, change):
    case = report()
    Case.objects.filter(pk=case.pk).update(**change)
    assert found(rubbish, SPOT, "Alemdağ Cad. 5") == []


@pytest.fixture
def form(answer_form, rubbish):
    tantavi = Neighbourhood.objects.get(name="Tantavi")
    return {
        **answer_form,
        "topic": rubbish.pk,
        "neighbourhood": tantavi.pk,
        "address": "Alemdağ Caddesi 12",
        "latitude": str(north_of(SPOT, 60)[0]),
        "longitude": str(SPOT[1]),
    }


def test_without_javascript_a_second_step_offers_the_nearby_reports(client, box, report, form):
    original = report()
    response = client.post(BOX, form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bunlardan biri mi?" in page and f'value="{original.pk}"' in page
    assert "Ayşe" not in page and "5321234567" not in page and "ayse@example.org" not in page
    assert "Alemdağ Cad. No: 5" not in page  # the report's own address is never shown
    assert Case.objects.count() == 1  # nothing filed yet

    response = client.post(BOX, {**form, "decision": "new"})
    assert response.status_code == 302 and response.url == BOX + "gonderildi/"
    assert Case.objects.count() == 2


def test_a_resident_adds_their_voice_and_is_told_of_the_answer(
    client, box, report, form, django_capture_on_commit_callbacks
):
    original = report()
    mail.outbox.clear()
    response = client.post(BOX, {**form, "decision": "new", "support": original.pk, "description": ""})
    assert response.status_code == 302 and response.url == BOX + "destek/"
    assert Case.objects.count() == 1
    supporter = Supporter.objects.get()
    assert (supporter.case, supporter.name, supporter.email, supporter.phone) == (
        original,
        "Fatma Şahin",
        "fatma@example.org",
        "+905327654321",
    )
    assert supporter.consent_at is not None
    assert original.events.filter(action=CaseEvent.Action.SUPPORTED, public=True).count() == 1
    confirmation = client.get(response.url).content.decode()
    assert "Sesiniz eklendi" in confirmation and f"#{original.pk}" in confirmation
    assert "2 kişi bildirdi" in confirmation

    # The same form sent again adds no second voice, and the page says so rather than "added".
    again = client.post(BOX, {**form, "support": original.pk, "description": ""})
    assert Supporter.objects.count() == 1
    confirmation = client.get(again.url).content.decode()
    assert "Sesiniz eklendi" not in confirmation
    assert (
        f"Bu cep telefonu numarasıyla #{original.pk} numaralı bildirime (Çöp Toplama) daha önce ses eklenmişti"
        in confirmation
    )
    assert "yine haber vereceğiz" in confirmation and "2 kişi bildirdi" in confirmation

    with django_capture_on_commit_callbacks(execute=True):
        cases.answer(original, "Konteyner boşaltıldı ve yıkandı.")
    to_supporter = [message for message in mail.outbox if message.to == ["fatma@example.org"]]
    assert len(to_supporter) == 1
    assert "Konteyner boşaltıldı ve yıkandı." in to_supporter[0].body
    assert original.security_code not in to_supporter[0].body  # the original resident's code stays theirs
    assert [message.to for message in mail.outbox].count(["ayse@example.org"]) == 1


def test_a_report_that_is_no_longer_public_cannot_be_joined(client, box, report, form):
    original = report()
    Case.objects.filter(pk=original.pk).update(hidden_from_public=True)
    response = client.post(BOX, {**form, "support": original.pk, "description": ""})
    assert response.status_code == 200 and not Supporter.objects.exists()
    assert "artık katılınamıyor" in response.content.decode()


def test_the_public_choice_is_off_by_default_and_kept_when_ticked(client, box, form):
    client.post(BOX, {**form, "decision": "new"})
    client.post(BOX, {**form, "decision": "new", "public_consent": "on", "submission": ""})
    assert list(Case.objects.order_by("pk").values_list("public_consent", flat=True)) == [False, True]


def test_the_confirmation_of_a_public_report_leads_to_its_public_page(client, box, form):
    client.post(BOX, {**form, "decision": "new"})
    private = client.get(BOX + "gonderildi/").content.decode()
    assert "herkese açık sayfasında izleyin" not in private
    client.post(BOX, {**form, "decision": "new", "public_consent": "on", "submission": ""})
    public = Case.objects.get(public_consent=True)
    page = client.get(BOX + "gonderildi/").content.decode()
    assert (
        f'href="/bildirimler/{public.pk}/"' in page
        and f"#{public.pk} numaralı bildirimi herkese açık sayfasında" in page
    )


def test_the_nearby_endpoint_answers_in_fixed_queries(client, box, report, rubbish, django_assert_max_num_queries):
    for metres in range(0, 100, 10):
        report(point=north_of(SPOT, metres))
    url = f"{BOX}yakindakiler/?topic={rubbish.pk}&lat={SPOT[0]}&lon={SPOT[1]}&address=Alemda%C4%9F+Cad.+9"
    client.get(url)  # the page tree warmed up
    with django_assert_max_num_queries(12) as counted:
        response = client.get(url)
    first = len(counted.captured_queries)
    results = response.json()["results"]
    assert len(results) == 5 and results[0]["distance"] == 0
    assert set(results[0]) == {"id", "topic", "neighbourhood", "date", "status", "text", "voices", "distance", "url"}
    for metres in range(100, 140, 10):
        report(point=north_of(SPOT, metres))
    with django_assert_max_num_queries(first):
        client.get(url)


def test_the_nearby_reports_mask_the_residents_details_as_the_public_page_does(client, box, report, rubbish, form):
    """Staff let the resident's name, phone and e-mail through the check: the box's look-up and its second step
    show the text masked, as the report's public page does."""
    case = report()
    Case.objects.filter(pk=case.pk).update(
        public_description="Ayşe Yılmaz yazıyor: konteyner dolu, 0532 123 45 67, ayse@example.org",
        moderated_at=timezone.now(),
    )
    url = f"{BOX}yakindakiler/?topic={rubbish.pk}&lat={SPOT[0]}&lon={SPOT[1]}"
    (result,) = client.get(url).json()["results"]
    second_step = client.post(BOX, form).content.decode()
    # The status as the public page says it, not the register's own word for it.
    assert result["status"] == "Açık" and "· Açık ·" in second_step
    assert case.get_status_display() not in second_step
    for text in (result["text"], second_step):
        assert "konteyner dolu" in text
        assert "Ayşe" not in text and "Yılmaz" not in text
        assert "123 45 67" not in text and "ayse@example.org" not in text


def test_the_nearby_reports_write_their_date_as_the_public_pages_do(client, box, report, rubbish, form):
    case = report()
    Case.objects.filter(pk=case.pk).update(received_at=datetime(2026, 12, 4, 9, 30, tzinfo=ZoneInfo("Europe/Istanbul")))
    url = f"{BOX}yakindakiler/?topic={rubbish.pk}&lat={SPOT[0]}&lon={SPOT[1]}"
    (result,) = client.get(url).json()["results"]
    second_step = client.post(BOX, form).content.decode()
    public_page = client.get(f"/bildirimler/{case.pk}/").content.decode()
    assert ">4 Aralık 2026</time>" in public_page
    assert result["date"] == "4 Aralık 2026"
    assert "· 4 Aralık 2026 ·" in second_step and "04.12.2026" not in second_step
    (english,) = client.get("/en" + url).json()["results"]
    assert english["date"] == "4 December 2026"


def test_the_nearby_endpoint_is_rate_limited(client, box, rubbish, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_nearby": "2/m/ip"}
    url = f"{BOX}yakindakiler/?topic={rubbish.pk}&lat={SPOT[0]}&lon={SPOT[1]}"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_photos_sent_with_the_first_step_are_asked_for_again_not_lost_silently(client, box, report, form):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints.models import Attachment
    from tests.suggestions.conftest import jpeg_with_gps

    report()
    photo = SimpleUploadedFile("IMG_1.jpg", jpeg_with_gps((64, 48)), content_type="image/jpeg")
    page = client.post(BOX, {**form, "photos": [photo]}).content.decode()
    assert "Bunlardan biri mi?" in page
    assert "Fotoğraflarınız bu adımda saklanmadı" in page
    assert not Attachment.objects.exists()
