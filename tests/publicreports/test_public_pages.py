"""The public list, map data, pages, photos and sitemap of reports: what residents agreed to show, never who they are."""

import json
import re

import pytest
from django.utils import timezone

from complaints import cases
from complaints.models import Case, PublicPhoto
from tests.publicreports.conftest import EMAIL, NAME, PHONE, PHONE_SHOWN, attach, jpeg

pytestmark = pytest.mark.django_db

# Literal addresses: reverse() after a request to /en/ would answer in English (tests/conftest.py site_language).
LIST = "/bildirimler/"

SECRETS = [
    NAME,
    "Gizliyurt",
    "Zübeyde",
    PHONE,
    PHONE_SHOWN,
    "9876543",
    "987 65 43",
    EMAIL,
    "Gizli Sokak",
    "41.026487",
    "29.112512",
]


def moderate(case, text=None):
    case.public_description = text if text is not None else case.description
    case.moderated_at = timezone.now()
    case.save(update_fields=["public_description", "moderated_at"])
    return case


def approve_photo(case):
    attachment = attach(case)
    copy = PublicPhoto(attachment=attachment, width=400, height=300)
    from django.core.files.base import ContentFile

    copy.file.save("public-copy.jpg", ContentFile(jpeg(colour=(10, 10, 10))), save=False)
    copy.save()
    return attachment


def public_addresses(client, case, attachment=None):
    """Every public address that shows this case: list (filtered to it too), its page in both languages,
    its photo and the sitemap."""
    addresses = [
        LIST,
        LIST + f"?mahalle={case.neighbourhood.slug}&konu={case.topic_id}&durum=acik&donem=30",
        f"/bildirimler/{case.pk}/",
        "/en" + f"/bildirimler/{case.pk}/",
        "/sitemap.xml",
    ]
    if attachment is not None:
        addresses.append(f"/bildirimler/{case.pk}/foto/{attachment.pk}/")
    return addresses


def text_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "ignore")
    return response.content.decode("utf-8", "ignore")


def test_a_public_report_is_listed_and_has_its_page(client, home_page, public_case):
    moderate(public_case, "Çukur büyüdü, araçlar zarar görüyor.")
    listing = client.get(LIST)
    assert listing.status_code == 200
    page = text_of(listing)
    assert "Asfalt Onarımı" in page and "Çakmak" in page
    assert "Çukur büyüdü" in page
    assert f"/bildirimler/{public_case.pk}/" in page

    detail = client.get(f"/bildirimler/{public_case.pk}/")
    assert detail.status_code == 200
    text = text_of(detail)
    assert "Çukur büyüdü, araçlar zarar görüyor." in text
    assert "Açık" in text
    assert "Alındı" in text  # the public history


def test_no_name_phone_email_address_or_exact_point_anywhere_public(client, home_page, public_case):
    # Staff publish the resident's text as written (they missed the contact details): the pages mask them anyway.
    moderate(public_case)
    attachment = approve_photo(public_case)
    with_answer = cases.answer(public_case, f"Sayın {NAME}, çukur onarıldı. Sorunuz olursa {PHONE_SHOWN}.")
    assert with_answer.status == Case.Status.ANSWERED
    for address in public_addresses(client, public_case, attachment):
        response = client.get(address)
        assert response.status_code == 200, address
        text = text_of(response)
        shown = [secret for secret in SECRETS if secret in text]
        assert not shown, f"{address} shows {shown}"
    detail = text_of(client.get(f"/bildirimler/{public_case.pk}/"))
    assert "çukur onarıldı" in detail
    assert "[ad gizlendi]" in detail and "[telefon numarası gizlendi]" in detail


def test_the_place_is_rounded_to_about_100_metres(client, home_page, public_case):
    detail = text_of(client.get(f"/bildirimler/{public_case.pk}/"))
    assert "41.026, 29.113" in detail
    listing = client.get(LIST)
    points = json.loads(
        re.search(r'<script id="report-points" type="application/json">(.*?)</script>', text_of(listing)).group(1)
    )
    assert points == [
        {
            "lat": 41.026,
            "lon": 29.113,
            "label": "Asfalt Onarımı · Çakmak · Açık",
            "url": f"/bildirimler/{public_case.pk}/",
        }
    ]


def test_the_description_waits_for_the_check(client, home_page, public_case):
    detail = text_of(client.get(f"/bildirimler/{public_case.pk}/"))
    assert "açıklama, belediyenin kontrolünden sonra görünecek" in detail.lower()
    assert "çukur" not in detail.lower()


@pytest.mark.parametrize("how", ["hidden", "no_consent", "rejected", "anonymised"])
def test_a_report_not_public_is_absent_everywhere(client, home_page, public_case, how):
    moderate(public_case)
    attachment = approve_photo(public_case)
    if how == "hidden":
        public_case.hidden_from_public = True
    elif how == "no_consent":
        public_case.public_consent = False
    elif how == "rejected":
        public_case.status = Case.Status.REJECTED
    else:
        public_case.anonymised_at = timezone.now()
    public_case.save()
    page = f"/bildirimler/{public_case.pk}/"
    assert client.get(page).status_code == 404
    assert client.get("/en" + page).status_code == 404
    assert client.get(f"/bildirimler/{public_case.pk}/foto/{attachment.pk}/").status_code == 404
    listing = text_of(client.get(LIST))
    assert page not in listing and "Çukur" not in listing and "report-points" not in listing
    assert page not in text_of(client.get("/sitemap.xml"))


def test_a_photo_not_approved_is_never_served(client, home_page, public_case):
    attachment = attach(public_case)
    assert client.get(f"/bildirimler/{public_case.pk}/foto/{attachment.pk}/").status_code == 404
    # Nor through another report's address.
    approved = approve_photo(public_case)
    assert client.get(f"/bildirimler/{public_case.pk + 1}/foto/{approved.pk}/").status_code == 404


def test_filters(client, home_page, make_case):
    from complaints.models import Topic
    from places.models import Neighbourhood

    pothole = make_case(public_consent=True)
    other_place = make_case(public_consent=True, neighbourhood=Neighbourhood.objects.get(name="Atakent"))
    other_topic = make_case(
        public_consent=True, topic=Topic.objects.exclude(name="Asfalt Onarımı").filter(public=True).first()
    )
    old = make_case(public_consent=True, received_at=timezone.now() - timezone.timedelta(days=60))
    closed = make_case(public_consent=True)
    cases.answer(closed, "Onarıldı.")
    cases.set_status(closed, Case.Status.CLOSED)

    def listed(query):
        text = text_of(client.get(LIST + query))
        return {
            case.pk for case in (pothole, other_place, other_topic, old, closed) if f"/bildirimler/{case.pk}/" in text
        }

    assert listed("") == {pothole.pk, other_place.pk, other_topic.pk, old.pk, closed.pk}
    assert listed("?mahalle=atakent") == {other_place.pk}
    assert listed(f"?konu={other_topic.topic_id}") == {other_topic.pk}
    assert listed("?durum=kapandi") == {closed.pk}
    assert listed("?durum=acik") == {pothole.pk, other_place.pk, other_topic.pk, old.pk}
    assert listed("?donem=30") == {pothole.pk, other_place.pk, other_topic.pk, closed.pk}
    # An outdated or mistyped filter is ignored, not an error.
    assert client.get(LIST + "?konu=abc&durum=x&page=999").status_code == 200


def test_newest_first_and_paginated(client, home_page, make_case):
    made = [
        make_case(public_consent=True, received_at=timezone.now() - timezone.timedelta(hours=hours))
        for hours in range(22)
    ]
    first = text_of(client.get(LIST))
    second = text_of(client.get(LIST + "?page=2"))
    newest, oldest = made[0], made[-1]
    assert first.index(f"/bildirimler/{newest.pk}/") < first.index(f"/bildirimler/{made[1].pk}/")
    assert f"/bildirimler/{oldest.pk}/" not in first
    assert f"/bildirimler/{oldest.pk}/" in second


def test_the_sitemap_lists_the_list_and_each_public_report(client, home_page, public_case, make_case):
    private = make_case()
    sitemap = text_of(client.get("/sitemap.xml"))
    assert "/bildirimler/</loc>" in sitemap and "/en/bildirimler/</loc>" in sitemap
    assert f"/bildirimler/{public_case.pk}/</loc>" in sitemap
    assert f"/bildirimler/{private.pk}/</loc>" not in sitemap


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_does_not_query_more_with_more_reports(
    client, home_page, make_case, django_assert_max_num_queries, count
):
    for number in range(count):
        case = make_case(public_consent=True)
        if number % 2:
            moderate(case, "Metin.")
    client.get(LIST)  # the site's frame (settings, menus) is cached after the first visit
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200


def test_a_report_page_queries_a_bounded_number_of_times(client, home_page, public_case, django_assert_max_num_queries):
    moderate(public_case)
    for _ in range(3):
        approve_photo(public_case)
    client.get(LIST)  # the site's frame (settings, menus) is cached after the first visit
    with django_assert_max_num_queries(8):
        response = client.get(f"/bildirimler/{public_case.pk}/")
    assert response.status_code == 200


def test_the_topic_filter_lists_topics_in_turkish_alphabetical_order(client):
    from complaints.models import Topic

    for name in ["Zabıta", "Çöp Toplama", "Cadde Temizliği", "İmar", "Isınma"]:
        Topic.objects.update_or_create(name=name, defaults={"public": True})
    response = client.get(LIST)
    names = [name for name in re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", response.text)]
    chosen = [name for name in names if name in {"Zabıta", "Çöp Toplama", "Cadde Temizliği", "İmar", "Isınma"}]
    assert chosen == ["Cadde Temizliği", "Çöp Toplama", "Isınma", "İmar", "Zabıta"]


def test_a_merged_report_leads_to_the_original_public_page(client, home_page, public_case, make_case):
    original = make_case(public_consent=True)
    cases.merge(public_case, original)
    response = client.get(f"/bildirimler/{public_case.pk}/")
    assert response.status_code == 302 and response.url == f"/bildirimler/{original.pk}/"
    assert client.get("/en" + f"/bildirimler/{public_case.pk}/").url == f"/en/bildirimler/{original.pk}/"
    # Never to an original the public may not see, nor from a duplicate that was never public.
    Case.objects.filter(pk=original.pk).update(hidden_from_public=True)
    assert client.get(f"/bildirimler/{public_case.pk}/").status_code == 404
    Case.objects.filter(pk=original.pk).update(hidden_from_public=False)
    Case.objects.filter(pk=public_case.pk).update(public_consent=False)
    assert client.get(f"/bildirimler/{public_case.pk}/").status_code == 404
