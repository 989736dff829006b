import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from complaints import phones


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0532 123 45 67", "+905321234567"),
        ("+90 (532) 123-45-67", "+905321234567"),
        ("5321234567", "+905321234567"),
        ("05321234567", "+905321234567"),
        ("0090 532 123 45 67", "+905321234567"),
        ("  0532 123 45 67 ", "+905321234567"),
        ("0216 123 45 67", "+902161234567"),
        ("+49 1512 3456789", "+4915123456789"),
    ],
)
def test_normalise_reads_the_usual_ways_of_typing_a_number(typed, e164):
    assert phones.normalise(typed) == e164


def test_normalise_keeps_an_e164_number():
    assert phones.normalise("+905321234567") == "+905321234567"


@pytest.mark.parametrize("typed", ["", None, "abc", "12345", "0532 123 45", "0532 123 45 67 89 01"])
def test_normalise_refuses_what_is_not_a_phone_number(typed):
    with pytest.raises(ValidationError) as raised:
        phones.normalise(typed)

    assert raised.value.code == "invalid_phone"
    with translation.override("en"):
        assert raised.value.messages == ["Enter a phone number such as 0532 123 45 67."]


@pytest.mark.parametrize(
    ("e164", "mobile"),
    [
        ("+905321234567", True),  # Turkcell
        ("+905051234567", True),  # Türk Telekom
        ("+902161234567", False),  # Istanbul landline
        ("+903121234567", False),  # Ankara landline
        ("+908501234567", False),  # 0850 non-geographic line
        ("+4915123456789", True),  # German mobile
        ("+390669880000", False),  # Rome landline
        ("not a number", False),
    ],
)
def test_is_mobile_only_for_numbers_that_can_receive_sms(e164, mobile):
    assert phones.is_mobile(e164) is mobile


def test_last_four():
    assert phones.last_four("+905321234567") == "4567"


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+905321234567", "0532 123 45 67"),
        ("+4915123456789", "+49 1512 3456789"),
        ("+16502530000", "+1 650-253-0000"),
    ],
)
def test_display_is_national_for_turkish_numbers_and_international_otherwise(e164, shown):
    assert phones.display(e164) == shown


def test_display_leaves_what_it_cannot_read():
    assert phones.display("0532") == "0532"
