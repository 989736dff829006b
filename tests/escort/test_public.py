"""Booking an escort on the public site: the day, then the form; a full hour offers the nearest free ones."""

import pytest

from escort.models import Booking
from outbox.models import TextMessage
from tests.escort.conftest import TUESDAY, booking

pytestmark = pytest.mark.django_db

URL = "/refakat/"


@pytest.fixture(autouse=True)
def site(home_page, roster, offices, today, settings):
    settings.SMS_BACKEND = "outbox.sms.LocmemBackend"
    return home_page


def form_data(offices, **changes):
    data = {
        "day": TUESDAY.isoformat(),
        "slot": f"{TUESDAY.isoformat()}T9",
        "office": str(offices[1].pk),
        "needs": ["need_wheelchair", "need_elderly"],
        "other_need": "",
        "visitor_name": "Hatice Arslan",
        "phone": "0532 123 45 67",
        "booked_by": "self",
        "proxy_name": "",
        "proxy_relation": "",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def test_the_first_step_lists_the_working_days_with_their_free_escorts(client):
    page = client.get(URL).content.decode()
    assert "Salı, 3 Mart" in page
    assert f'href="?gun={TUESDAY.isoformat()}"' in page
    assert "Cumartesi" not in page


def test_a_visitor_books_and_gets_a_code_and_an_sms(client, offices):
    response = client.post(f"{URL}?gun={TUESDAY.isoformat()}", form_data(offices))
    assert response.status_code == 302
    kept = Booking.objects.get()
    assert (kept.date, kept.hour, kept.office, kept.phone) == (TUESDAY, 9, offices[1], "+905321234567")
    assert kept.need_wheelchair and kept.need_elderly and not kept.need_sign_language
    assert kept.booked_by == Booking.BookedBy.SELF
    assert "sağlık verisi" in kept.consent_text and kept.consent_at
    page = client.get(response["Location"]).content.decode()
    assert kept.code in page
    assert "Sonra ne olacak" in page
    sms = TextMessage.objects.get()
    assert sms.recipient == "+905321234567" and kept.code in sms.text


def test_a_full_hour_offers_the_nearest_free_ones_and_one_click_takes_one(client, offices):
    booking(offices[0], hour=9)
    data = form_data(offices, visitor_name="Osman Çetin")
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bu saat dolu." in page and "En yakın boş saatler:" in page
    assert f'name="take" value="{TUESDAY.isoformat()}T10"' in page
    assert 'value="Osman Çetin"' in page  # what was typed is kept
    assert not Booking.objects.filter(visitor_name="Osman Çetin").exists()
    response = client.post(URL, {**data, "take": f"{TUESDAY.isoformat()}T10"})
    assert response.status_code == 302
    assert Booking.objects.get(visitor_name="Osman Çetin").hour == 10


def test_bad_input_is_answered_in_turkish_and_keeps_what_was_typed(client, offices):
    data = form_data(offices, phone="12", booked_by="proxy", proxy_name="", proxy_relation="kızı")
    del data["consent"]
    page = client.post(URL, data).content.decode()
    assert "Lütfen şunları düzeltin" in page
    assert "“12” aranabilecek bir telefon numarası değil" in page
    assert "Adınızı yazın" in page
    assert "Bu alan zorunludur." in page  # the consent
    assert 'value="Hatice Arslan"' in page and 'value="kızı"' in page
    assert 'value="need_wheelchair" id="id_needs_0" checked' in page or "checked" in page
    assert not Booking.objects.exists()


def test_sending_the_same_form_twice_keeps_one_booking(client, offices):
    data = form_data(offices, submission="6f1c1f2e-8a55-4c1e-9d7e-1d2c3b4a5f60")
    client.post(URL, data)
    client.post(URL, data)
    assert Booking.objects.count() == 1


def test_one_phone_number_cannot_fill_the_day(client, offices):
    for hour in (9, 11, 13):
        assert client.post(URL, form_data(offices, slot=f"{TUESDAY.isoformat()}T{hour}")).status_code == 302
    response = client.post(URL, form_data(offices, slot=f"{TUESDAY.isoformat()}T14"))
    assert response.status_code == 429
    assert "444 9 822" in response.content.decode()
    assert Booking.objects.count() == 3


def test_a_day_outside_the_window_is_refused(client, offices):
    page = client.post(URL, form_data(offices, slot="2027-01-04T9", day="2027-01-04")).content.decode()
    assert not Booking.objects.exists()
    assert "Hangi gün geleceksiniz?" in page and "Salı, 3 Mart" in page


def test_the_sitemap_lists_the_booking_in_both_languages(client, django_assert_max_num_queries):
    sitemap = client.get("/sitemap.xml").content.decode()
    for address in ("/refakat/", "/en/refakat/"):
        assert f"{address}</loc>" in sitemap, address
    client.get(URL)  # the site's frame (menu, settings) is cached from then on
    with django_assert_max_num_queries(15):  # bench/queries.py's limit for a public page; it crawls the sitemap
        assert client.get(URL).status_code == 200
