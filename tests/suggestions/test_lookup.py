import pytest

from complaints import cases
from complaints.models import Case, Channel

LOOKUP = "/oneri-kutusu/takip/"


@pytest.fixture
def answered_case(box):
    case = cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        description="Parktaki salıncak kırık, onarılmasını rica ediyorum.",
        name="Ali Veli",
        phone="+905551112233",
        email="ali@example.org",
        notify=False,
    )
    cases.answer(case, "Salıncak 12 Kasım'da onarıldı.")
    cases.add_note(case, "İç not: malzeme depodan alındı.")
    return case


@pytest.mark.parametrize("contact", ["2233", "ALI@example.org"])
def test_number_and_phone_or_email_show_status_history_and_answer(client, answered_case, contact):
    page = client.post(LOOKUP, {"number": answered_case.display_number, "contact": contact}).content.decode()
    assert "Salıncak 12 Kasım&#x27;da onarıldı." in page or "Salıncak 12 Kasım'da onarıldı." in page
    assert "Yanıtlandı" in page and "Alındı" in page
    assert "İç not" not in page  # internal notes stay internal


def test_a_wrong_number_and_a_wrong_check_get_the_same_answer(client, answered_case):
    other_number = next(
        n for n in iter(lambda: cases.tracking.new_number(), None) if n != answered_case.tracking_number
    )
    wrong_number = client.post(LOOKUP, {"number": other_number, "contact": "2233"})
    wrong_contact = client.post(LOOKUP, {"number": answered_case.tracking_number, "contact": "2234"})
    assert wrong_number.status_code == wrong_contact.status_code == 200
    first = wrong_number.content.decode().replace(other_number, "")
    second = wrong_contact.content.decode().replace(answered_case.tracking_number, "")
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(first) == strip(second)
    assert "eşleşen bir başvuru bulunamadı" in first
    assert "Salıncak" not in second


def test_a_typo_in_the_number_is_caught_by_its_check_digit(client, answered_case):
    number = answered_case.tracking_number
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    page = client.post(LOOKUP, {"number": typo, "contact": "2233"}).content.decode()
    assert "geçerli bir takip numarası değil" in page


def test_anonymous_cases_cannot_be_looked_up(client, box):
    case = cases.file_case(channel=Channel.SUGGESTION_BOX, description="Adsız bir öneri metni.", anonymous=True)
    page = client.post(LOOKUP, {"number": case.tracking_number, "contact": ""}).content.decode()
    assert case.get_status_display() not in page.split("<form")[0] or "Bu alan zorunludur" in page


def test_guessing_the_last_four_digits_is_cut_short(client, answered_case, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "case_lookup_number": "3/h/key"}
    for guess in ["0000", "0001", "0002"]:
        client.post(
            LOOKUP, {"number": answered_case.tracking_number, "contact": guess}, REMOTE_ADDR=f"10.0.0.{guess[-1]}"
        )
    response = client.post(LOOKUP, {"number": answered_case.tracking_number, "contact": "2233"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "çok kez denendi" in response.content.decode()
    assert "Salıncak 12 Kasım" not in response.content.decode()
    assert Case.objects.filter(pk=answered_case.pk).exists()
