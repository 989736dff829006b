"""The firm's tax number (VKN) is checked by its check digit, with a Turkish message."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from employment.tax_numbers import check_digit, is_valid, validate_tax_number
from tests.employment.employer_records import VALID_VKN


@pytest.mark.parametrize("number", VALID_VKN + ["454 053 69 20", "454-053-6920"])
def test_valid_tax_numbers_pass(number):
    assert is_valid(number)
    validate_tax_number(number)


def test_the_check_digit_of_a_published_example():
    # python-stdnum's documented example (stdnum/tr/vkn.py): 4540536920 valid, 4540536921 not.
    assert check_digit("454053692") == 0
    assert not is_valid("4540536921")


@pytest.mark.parametrize("number", ["4540536921", "1234567891", "8760049226", "0000000000"])
def test_a_wrong_last_digit_is_refused_in_turkish(number):
    with translation.override("tr"), pytest.raises(ValidationError) as refused:
        validate_tax_number(number)
    assert refused.value.code == "check_digit"
    assert "geçerli bir vergi numarası değil" in refused.value.messages[0]


@pytest.mark.parametrize("number", ["", "123456789", "12345678901", "12345678ab", "١٢٣٤٥٦٧٨٩٠"])
def test_not_ten_digits_is_refused_in_turkish(number):
    with translation.override("tr"), pytest.raises(ValidationError) as refused:
        validate_tax_number(number)
    assert refused.value.code == "length"
    assert "10 haneli" in refused.value.messages[0]


def test_every_tenth_digit_but_one_is_refused():
    accepted = [digit for digit in "0123456789" if is_valid("876004922" + digit)]
    assert accepted == ["5"]
