import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.models import Site

from accounts.models import PrivacySettings
from complaints.models import Attachment, Case, Channel, Topic
from places.models import Neighbourhood
from tests.conftest import publish
from tests.factories import StandardPageFactory
from tests.suggestions.conftest import jpeg_with_gps

BOX = "/oneri-kutusu/"


def send(client, data, photos=(), **extra):
    files = [SimpleUploadedFile(name, content, content_type="image/jpeg") for name, content in photos]
    return client.post(BOX, {**data, "photos": files}, **extra)


def test_a_resident_sends_a_complaint_with_a_photo_and_gets_a_tracking_number(
    client, box, answer_form, sms_outbox, django_capture_on_commit_callbacks
):
    topic = Topic.objects.get(name="Çöp Toplama")
    data = {**answer_form, "topic": topic.pk, "neighbourhood": Neighbourhood.objects.get(name="Tantavi").pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, data, [("IMG_2041.jpg", jpeg_with_gps())])
    assert response.status_code == 302 and response.url == BOX + "gonderildi/"
    case = Case.objects.get()
    assert (case.channel, case.kind, case.topic, case.directorate.name) == (
        Channel.SUGGESTION_BOX,
        Case.Kind.COMPLAINT,
        topic,
        "Temizlik İşleri Müdürlüğü",
    )
    assert case.phone == "+905327654321" and case.consent_at is not None
    confirmation = client.get(response.url)
    assert case.display_number in confirmation.content.decode()
    assert case.display_number in mail.outbox[0].body
    assert case.display_number in sms_outbox[0].text

    attachment = Attachment.objects.get(case=case)
    with attachment.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
    assert attachment.file.name.endswith(".jpg") and "IMG_2041" not in attachment.file.name


def test_the_confirmation_needs_a_sent_case(client, box):
    assert client.get(BOX + "gonderildi/").url == BOX


def test_the_confirmation_shows_only_the_case_this_browser_sent(client, box, answer_form):
    send(client, answer_form)
    case = Case.objects.get()
    assert case.display_number in client.get(BOX + "gonderildi/").content.decode()
    client.cookies["suggestion_sent"] = f"{case.pk}:0"  # written by hand, without the signature
    assert client.get(BOX + "gonderildi/").url == BOX


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Bu bir fotograf degil, sadece metin.", "okuyabileceğimiz bir fotoğraf değil"),
        (jpeg_with_gps((40, 30)) + b"PK\x03\x04" + b"\x00" * 40, "fotoğraftan fazlasını"),
    ],
)
def test_a_refused_photo_stores_nothing_and_says_why(client, box, answer_form, content, message):
    response = send(client, answer_form, [("photo.jpg", content)])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fotoğraf 1 (photo.jpg)" in page and message in page
    assert PHOTOS_AGAIN in photo_field(page)
    assert not Case.objects.exists() and not Attachment.objects.exists()


PHOTOS_AGAIN = "fotoğraflarınız saklanmadı: lütfen yeniden seçin"


def photo_field(page):
    """The photo field's own box: from its label, through its help and messages, to its input."""
    return re.search(r'<label for="id_photos">.*?<input[^>]*id="id_photos"', page, re.S).group(0)


def test_photos_chosen_before_a_mistake_are_asked_for_again_at_the_photo_field(client, box, answer_form):
    response = send(client, {**answer_form, "description": "kısa"}, [("IMG_1.jpg", jpeg_with_gps((40, 30)))])
    page = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    field = photo_field(page)
    assert PHOTOS_AGAIN in field and 'class="errorlist' in field
    # Named in the list of things to correct too, with a link to the field.
    assert '<a href="#id_photos">Fotoğraflar</a>: Form düzeltilmesi gerektiği için ' + PHOTOS_AGAIN in page
    # Without photos there is nothing to choose again.
    assert PHOTOS_AGAIN not in send(client, {**answer_form, "description": "kısa"}).content.decode()


def test_the_labels_say_when_name_and_contact_are_needed(client, box):
    page = client.get(BOX).content.decode()
    for field, requirement in [
        ("name", "adsız göndermiyorsanız zorunlu"),
        ("phone", "telefon ya da e-posta: adsız göndermiyorsanız biri zorunlu"),
        ("email", "telefon ya da e-posta: adsız göndermiyorsanız biri zorunlu"),
    ]:
        label = re.search(rf'<label for="id_{field}">(.*?)</label>', page, re.S).group(1)
        assert f"({requirement})" in label and "isteğe bağlı" not in label, label
    assert '<option value="" selected>Mahallenizi seçin</option>' in page  # not Django's "---------"
    # A field that really is optional still says so.
    assert "isteğe bağlı" in re.search(r'<label for="id_address">(.*?)</label>', page, re.S).group(1)


def test_at_most_three_photos(client, box, answer_form):
    photos = [(f"{number}.jpg", jpeg_with_gps((20, 20))) for number in range(4)]
    response = send(client, answer_form, photos)
    assert "En fazla 3 fotoğraf" in response.content.decode()
    assert not Case.objects.exists()


def test_each_missing_answer_is_named(client, box):
    response = client.post(BOX, {"kind": "request", "description": "kısa"})
    page = response.content.decode()
    assert response.status_code == 200
    for text in ["en az 10 karakter", "adınızı yazın", "telefon numarası ya da e-posta", "Bu alan zorunludur"]:
        assert text in page, text
    assert not Case.objects.exists()


def test_sms_replies_need_a_mobile_number(client, box, answer_form):
    response = client.post(BOX, {**answer_form, "phone": "0216 444 55 66", "reply_by": "sms"})
    assert "SMS yalnızca cep telefonuna" in response.content.decode()


def test_anonymous_sending_keeps_no_contact(client, box, answer_form, user):
    client.force_login(user)
    response = client.post(BOX, {**answer_form, "anonymous": "on"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.anonymous, case.name, case.phone, case.email, case.user) == (True, "", "", "", None)
    assert "yanıt veremeyiz" in client.get(response.url).content.decode()


def test_the_honeypot_refuses_with_a_way_out(client, box, answer_form):
    response = client.post(BOX, {**answer_form, "website": "http://spam.example"})
    assert "444 9 822" in response.content.decode()
    assert not Case.objects.exists()


def test_sending_is_rate_limited_per_address(client, box, answer_form, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_send": "2/10m/ip"}
    for _ in range(2):
        assert client.post(BOX, answer_form).status_code == 302
    response = client.post(BOX, answer_form)
    assert response.status_code == 429
    assert "birkaç dakika bekleyip" in response.content.decode()
    assert Case.objects.count() == 2


def test_forms_sent_back_for_correction_count_against_the_connections_limit_too(client, box, answer_form, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_send": "2/10m/ip"}
    for _ in range(2):
        assert client.post(BOX, {**answer_form, "description": ""}).status_code == 200
    response = client.post(BOX, answer_form)
    assert response.status_code == 429
    assert "birkaç dakika bekleyip" in response.content.decode()
    assert not Case.objects.exists()
    assert client.post(BOX, answer_form, REMOTE_ADDR="10.1.1.2").status_code == 302  # another connection


def test_sending_is_rate_limited_per_phone_number(client, box, answer_form, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_phone": "1/d/key"}
    assert client.post(BOX, answer_form).status_code == 302
    # The same number written differently is the same number.
    response = client.post(BOX, {**answer_form, "phone": "+90 (532) 765-43-21"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "bu telefon numarasıyla" in response.content.decode()


def test_signed_in_citizens_see_their_own_applications_only(client, box, answer_form, user, other_user):
    client.force_login(user)
    client.post(BOX, answer_form)
    client.force_login(other_user)
    client.post(BOX, {**answer_form, "description": "Parktaki bankların boyanmasını öneriyorum."})
    mine = client.get("/accounts/applications/").content.decode()
    theirs = Case.objects.get(user=user)
    assert Case.objects.get(user=other_user).display_number in mine
    assert theirs.display_number not in mine


def test_my_applications_take_a_fixed_number_of_queries(client, box, make_cases, user, django_assert_max_num_queries):
    client.force_login(user)
    make_cases(user, 1)
    client.get("/accounts/applications/")  # warm the site-wide caches
    with CaptureQueriesContext(connection) as one:
        client.get("/accounts/applications/")
    assert len(one) <= 10
    make_cases(user, 30)
    with django_assert_max_num_queries(len(one)):
        response = client.get("/accounts/applications/")
    assert response.content.decode().count("<tr>") == 32


def test_a_shared_location_is_kept_only_inside_umraniye(client, box, answer_form):
    client.post(BOX, {**answer_form, "latitude": "41.016500", "longitude": "29.124300"})
    case = Case.objects.get()
    assert (str(case.latitude), str(case.longitude)) == ("41.016500", "29.124300")
    # Ankara: the case is still sent, without the location, and the resident is told.
    response = client.post(BOX, {**answer_form, "latitude": "39.920000", "longitude": "32.850000"})
    assert response.status_code == 302
    assert Case.objects.latest("pk").latitude is None
    assert "Ümraniye dışında" in client.get(response.url).content.decode()


def test_a_persons_applications_are_in_their_data_and_outlive_the_account_unlinked(client, box, answer_form, user):
    import json

    from accounts import personal_data

    client.force_login(user)
    client.post(BOX, answer_form)
    case = Case.objects.get()
    assert "/accounts/applications/" in client.get("/accounts/profile/").content.decode()
    data = json.loads(client.get("/accounts/profile/data/").content)
    assert [entry["tracking_number"] for entry in data["cases"]] == [case.tracking_number]
    personal_data.erase(user)
    case.refresh_from_db()
    assert case.user is None and case.description == answer_form["description"]


def test_the_form_posts_to_its_own_address_which_files_the_case_like_the_page(client, box, answer_form):
    page = client.get(BOX).content.decode()
    action = re.search(r'class="[^"]*suggestion-form[^"]*"[^>]*action="([^"]+)"', page).group(1)
    assert action == f"/oneri-kutusu-gonder/{box.pk}/"
    response = client.post(action, answer_form)
    assert response.status_code == 302 and response.url == BOX + "gonderildi/"
    case = Case.objects.get()
    assert case.display_number in client.get(response.url).content.decode()
    assert client.get(action).status_code == 405

    invalid = client.post(action, {**answer_form, "description": ""})
    assert invalid.status_code == 200 and "errorlist" in invalid.content.decode()
    box.unpublish()
    assert client.post(action, answer_form).status_code == 404
    assert Case.objects.count() == 1


def test_each_case_names_the_privacy_notice_version_in_force_when_it_was_sent(client, box, answer_form, kvkk_pages):
    notice, _consent = kvkk_pages
    client.post(BOX, answer_form)
    first = Case.objects.get()
    assert first.consent_document.startswith("KVKK Aydınlatma Metni /kvkk-aydinlatma-metni/")
    notice.title = "KVKK Aydınlatma Metni (2026)"
    notice.save_revision().publish()
    client.post(BOX, {**answer_form, "email": "ikinci@example.org", "phone": "0532 111 22 33"})
    second = Case.objects.exclude(pk=first.pk).get()
    assert second.consent_document.startswith("KVKK Aydınlatma Metni (2026) /kvkk-aydinlatma-metni/")
    assert second.consent_document != first.consent_document.replace("Metni", "Metni (2026)", 1)  # a new version


def test_another_privacy_notice_chosen_in_the_settings_is_named_from_the_next_sending(
    client, box, answer_form, kvkk_pages
):
    notice, _consent = kvkk_pages
    replacement = publish(StandardPageFactory(parent=notice.get_parent(), title="KVKK Aydınlatma Metni 2027"))
    client.post(BOX, answer_form)  # the box keeps the notice's label in this process from here on
    assert Case.objects.get().consent_document.startswith("KVKK Aydınlatma Metni /")
    settings = PrivacySettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_notice = replacement
    settings.save()
    client.post(BOX, {**answer_form, "email": "ikinci@example.org", "phone": "0532 111 22 33"})
    assert Case.objects.latest("pk").consent_document.startswith("KVKK Aydınlatma Metni 2027 /")


def test_the_same_form_sent_twice_files_one_case(client, box, answer_form, django_capture_on_commit_callbacks):
    page = client.get(BOX).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)
    assert key not in client.get(BOX).content.decode()  # every page served has a key of its own
    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, {**answer_form, "submission": key})
        # Sent again: a double click, or nginx passing it to the other app server after a failure.
        again = send(client, {**answer_form, "submission": key})
    assert first.status_code == again.status_code == 302
    assert again.url == first.url == BOX + "gonderildi/"
    case = Case.objects.get()
    assert str(case.submission_key) == key
    assert case.display_number in client.get(again.url).content.decode()
    assert len(mail.outbox) == 1  # the resident is told once

    send(client, {**answer_form, "submission": "not-a-key"})  # a mangled key files the case all the same
    send(client, answer_form)  # a form without a key (an old page) still files its case
    assert Case.objects.count() == 3


def test_the_message_limit_is_said_in_the_visitors_language():
    from django.utils import translation

    from suggestions.forms import SuggestionForm

    for language, text in (("en", "At most 2000 characters."), ("tr", "En fazla 2000 karakter.")):
        with translation.override(language):
            assert str(SuggestionForm.base_fields["description"].help_text) == text


@pytest.mark.parametrize(
    ("hidden", "latitude"),
    [
        ({"latitude": "kırk bir", "longitude": "29.1"}, None),
        ({"latitude": "1e999", "longitude": "NaN"}, None),
        ({"latitude": "91", "longitude": "29.12"}, None),
        # A phone's fifteen decimals are rounded to the six the case keeps, not refused.
        ({"latitude": "41.0" + "1" * 15, "longitude": "29.12345678901234"}, "41.011111"),
        ({"submission": "x" * 200}, None),
        ({"submission": "bozuk"}, None),
    ],
)
def test_a_mangled_hidden_field_never_stops_or_puzzles_the_resident(client, box, answer_form, hidden, latitude):
    # The rest of the form is right: the case is filed, a bad location is simply left out.
    response = client.post(BOX, {**answer_form, **hidden})
    assert response.status_code == 302
    stored = Case.objects.get().latitude
    assert (str(stored) if stored is not None else None) == latitude
    # The rest of the form is wrong: only errors the person can correct, none naming a hidden field.
    page = client.post(BOX, {**answer_form, **hidden, "description": "kısa"}).content.decode()
    assert "en az 10 karakter" in page
    for name in ("Enlem", "Boylam", "Submission", "submission", "Gizli alan", "Hidden field"):
        assert name not in page.split("<form")[0] + page.split("</form>")[-1]
        assert f"{name}:" not in page and f"({name})" not in page


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("fatma@example.org", "fatma+kutu2@example.org"),
        ("fatma@example.org", "FATMA+x@Example.ORG"),
        ("fatma.sahin@gmail.com", "f.a.t.m.a.s.a.h.i.n+oneri@googlemail.com"),
    ],
)
def test_tagged_variants_of_an_email_share_its_limit(client, box, answer_form, settings, first, second):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_email": "1/d/key"}
    assert client.post(BOX, {**answer_form, "phone": "", "email": first}).status_code == 302
    response = client.post(BOX, {**answer_form, "phone": "", "email": second}, REMOTE_ADDR="10.1.1.2")
    assert response.status_code == 429
    assert "bu e-posta adresiyle" in response.content.decode()
    # The address is stored as written: the normalisation is for counting only.
    assert Case.objects.get().email == first


def test_dots_only_count_as_one_address_at_gmail(client, box, answer_form, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_email": "1/d/key"}
    assert client.post(BOX, {**answer_form, "phone": "", "email": "fatma.sahin@example.org"}).status_code == 302
    other = client.post(BOX, {**answer_form, "phone": "", "email": "fatmasahin@example.org"}, REMOTE_ADDR="10.1.1.3")
    assert other.status_code == 302


def test_a_get_files_nothing(client, box, answer_form):
    assert client.get(f"/oneri-kutusu-gonder/{box.pk}/", answer_form).status_code == 405
    assert client.get(BOX, answer_form).status_code == 200
    assert not Case.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_simultaneous_identical_submissions_file_one_case(box, answer_form):
    import threading
    import uuid

    from django.db import connections
    from django.test import Client

    data = {**answer_form, "submission": str(uuid.uuid4())}
    start, answers, errors = threading.Barrier(3), [], []

    def submit(index):
        try:
            client = Client()
            start.wait()
            answers.append(client.post(BOX, data, REMOTE_ADDR=f"10.2.0.{index}"))
        except Exception as error:  # collected, then asserted empty
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert [answer.status_code for answer in answers] == [302, 302, 302]
    assert Case.objects.filter(submission_key=data["submission"]).count() == 1


def test_a_box_unpublished_after_a_sending_takes_no_more_forms(client, box, answer_form):
    """The box's address is kept by each app server; unpublishing the box must still stop the next form, before
    anything is filed."""
    action = f"/oneri-kutusu-gonder/{box.pk}/"
    assert client.post(action, answer_form).status_code == 302
    box.unpublish()
    assert client.post(action, {**answer_form, "email": "baska@example.org"}).status_code == 404
    assert Case.objects.count() == 1


def test_a_topic_taken_off_the_box_is_refused_at_once_and_a_new_one_taken(client, box, answer_form):
    """The topics a form is checked against are kept by each app server: a change shows on the next sending."""
    action = f"/oneri-kutusu-gonder/{box.pk}/"
    topic = Topic.objects.get(name="Çöp Toplama")
    assert client.post(action, {**answer_form, "topic": topic.pk}).status_code == 302
    topic.active = False
    topic.save()
    refused = client.post(action, {**answer_form, "topic": topic.pk, "email": "iki@example.org"})
    assert refused.status_code == 200 and "Geçerli bir seçenek seçin" in refused.content.decode()
    new = Topic.objects.create(name="Kaldırım Onarımı", default_directorate=topic.default_directorate)
    assert client.post(action, {**answer_form, "topic": new.pk, "email": "uc@example.org"}).status_code == 302
    assert list(Case.objects.order_by("pk").values_list("topic__name", flat=True)) == [
        "Çöp Toplama",
        "Kaldırım Onarımı",
    ]


def test_a_sending_reads_no_page_topic_or_neighbourhood_once_the_server_has_them(
    client, box, answer_form, django_assert_max_num_queries
):
    """The busiest request of the portal: after the first sending, the box's address, its topics and the
    neighbourhoods come from the app server's memory; the rest is filing the case (its rows, its one task)."""
    action = f"/oneri-kutusu-gonder/{box.pk}/"
    topic = Topic.objects.get(name="Çöp Toplama")
    place = Neighbourhood.objects.get(name="Tantavi")
    data = {**answer_form, "topic": topic.pk, "neighbourhood": place.pk, "decision": "new"}
    assert client.post(action, data).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert (
            client.post(action, {**data, "email": "ikinci@example.org", "phone": "0532 111 22 33"}).status_code == 302
        )
    read = " ".join(query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT"))
    assert "wagtailcore_page" not in read and "complaints_topic" not in read and "places_neighbourhood" not in read
    # The case, its history, its notices and hand-off, its task; a savepoint for the tracking number's draw.
    with django_assert_max_num_queries(10):
        client.post(action, {**data, "email": "ucuncu@example.org", "phone": "0532 444 55 66"})
    assert Case.objects.count() == 3
