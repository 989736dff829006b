import html

import pytest
from django.core import mail

from complaints import cases, tracking
from complaints.models import Case, Channel

LOOKUP = "/oneri-kutusu/takip/"
BOX = "/oneri-kutusu/"


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


def shown(response):
    return "Salıncak 12 Kasım'da onarıldı." in html.unescape(response.content.decode())


@pytest.mark.parametrize("written", ["as printed", "lower case without dashes", "with spaces"])
def test_number_and_security_code_show_status_history_and_answer(client, answered_case, written):
    code = answered_case.security_code
    code = {
        "as printed": code,
        "lower case without dashes": code.replace("-", "").lower(),
        "with spaces": code.replace("-", " "),
    }[written]
    response = client.post(LOOKUP, {"number": answered_case.display_number, "code": code})
    page = response.content.decode()
    assert shown(response)
    assert "Yanıtlandı" in page and "Alındı" in page
    assert "İç not" not in page  # internal notes stay internal


def test_the_secret_link_shows_the_case_without_typing_and_is_kept_by_nobody(client, answered_case):
    response = client.get(LOOKUP + answered_case.lookup_query)
    assert shown(response)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"  # the link's code never leaves in a Referer


@pytest.mark.parametrize("contact", ["2233", "ali@example.org"])
def test_the_phones_last_four_digits_or_the_email_no_longer_open_a_case(client, answered_case, contact):
    response = client.post(LOOKUP, {"number": answered_case.tracking_number, "code": contact})
    assert not shown(response)


def test_a_wrong_number_and_a_wrong_code_get_the_same_answer(client, answered_case):
    other_number = next(n for n in iter(tracking.new_number, None) if n != answered_case.tracking_number)
    wrong_code = "0000-0000-0000"
    wrong_number = client.post(LOOKUP, {"number": other_number, "code": answered_case.security_code})
    wrong_contact = client.post(LOOKUP, {"number": answered_case.tracking_number, "code": wrong_code})
    assert wrong_number.status_code == wrong_contact.status_code == 200
    first = wrong_number.content.decode().replace(other_number, "").replace(answered_case.security_code, "")
    second = wrong_contact.content.decode().replace(answered_case.tracking_number, "").replace(wrong_code, "")
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(first) == strip(second)
    assert "eşleşen bir başvuru bulunamadı" in first
    assert "Salıncak" not in second


def test_a_typo_in_the_number_is_caught_by_its_check_digit(client, answered_case):
    number = answered_case.tracking_number
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    page = client.post(LOOKUP, {"number": typo, "code": answered_case.security_code}).content.decode()
    assert "geçerli bir takip numarası değil" in page


def test_anonymous_cases_cannot_be_looked_up(client, box):
    case = cases.file_case(channel=Channel.SUGGESTION_BOX, description="Adsız bir öneri metni.", anonymous=True)
    response = client.post(LOOKUP, {"number": case.tracking_number, "code": case.security_code})
    assert "eşleşen bir başvuru bulunamadı" in response.content.decode()


def test_guesses_from_rotating_addresses_are_cut_short_but_the_owner_still_gets_in(client, answered_case, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "case_lookup_number": "3/h/key"}
    for index in range(3):
        guess = f"{index:04d}-0000-0000"
        client.post(LOOKUP, {"number": answered_case.tracking_number, "code": guess}, REMOTE_ADDR=f"10.{index}.0.1")
    guesser = client.post(
        LOOKUP, {"number": answered_case.tracking_number, "code": "ZZZZ-ZZZZ-ZZZZ"}, REMOTE_ADDR="10.9.0.1"
    )
    assert guesser.status_code == 429 and "çok kez denendi" in guesser.content.decode()
    assert not shown(guesser)
    # The resident, from their own phone, with the link or the code they were sent: not locked out.
    assert shown(client.get(LOOKUP + answered_case.lookup_query, REMOTE_ADDR="192.0.2.7"))
    owner = client.post(
        LOOKUP, {"number": answered_case.tracking_number, "code": answered_case.security_code}, REMOTE_ADDR="192.0.2.8"
    )
    assert owner.status_code == 200 and shown(owner)


def test_addresses_rotating_within_one_network_share_its_limit(client, answered_case, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "case_lookup": "100/10m/ip",
        "case_lookup_network": "3/10m/key",
    }
    for host in range(3):
        client.post(
            LOOKUP, {"number": tracking.new_number(), "code": "0000-0000-0000"}, REMOTE_ADDR=f"203.0.113.{host}"
        )
    refused = client.post(
        LOOKUP, {"number": answered_case.tracking_number, "code": "0000-0000-0000"}, REMOTE_ADDR="203.0.113.200"
    )
    assert refused.status_code == 429
    elsewhere = client.post(
        LOOKUP,
        {"number": answered_case.tracking_number, "code": answered_case.security_code},
        REMOTE_ADDR="198.51.100.1",
    )
    assert elsewhere.status_code == 200 and shown(elsewhere)


def test_a_link_with_a_wrong_code_counts_as_a_guess(client, answered_case, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "case_lookup": "2/10m/ip"}
    for _ in range(2):
        assert not shown(client.get(LOOKUP, {"no": answered_case.tracking_number, "kod": "0000-0000-0000"}))
    assert client.get(LOOKUP, {"no": answered_case.tracking_number, "kod": "0000-0000-0001"}).status_code == 429


@pytest.mark.parametrize(
    ("language", "prefix", "code_label"),
    [("tr", "", "Güvenlik kodu"), ("en", "/en", "Security code")],
)
def test_the_confirmation_email_and_sms_carry_the_code_and_the_secret_link(
    client, box, answer_form, sms_outbox, django_capture_on_commit_callbacks, language, prefix, code_label, settings
):
    from tests.conftest import translate

    if language == "en":
        from wagtail.models import Locale

        english = Locale.objects.get(language_code="en")
        translate(box.get_parent(), english, title="Ümraniye City Council", slug="home")
        translate(box, english, title="Suggestion box", slug="suggestion-box")
    box_url = prefix + ("/suggestion-box/" if language == "en" else BOX)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(box_url, {**answer_form, "reply_by": "sms"})
    case = Case.objects.get()
    link = case.lookup_query
    confirmation = html.unescape(client.get(response.url).content.decode())
    assert case.security_code in confirmation and code_label in confirmation
    assert link in confirmation
    assert case.security_code in mail.outbox[0].body and code_label in mail.outbox[0].body
    assert settings.COMPLAINTS_LOOKUP_PATH + link in mail.outbox[0].body
    assert link in sms_outbox[0].text
    for text in (confirmation, mail.outbox[0].body, sms_outbox[0].text):
        assert "dört hane" not in text and "last four" not in text
