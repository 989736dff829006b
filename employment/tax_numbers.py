"""The Turkish tax number (vergi kimlik numarası, VKN) of a firm: ten digits, the last a check digit.

The check digit is Gelir İdaresi Başkanlığı's: for each of the first nine digits d at position i (from 0),
t = (d + 9 - i) mod 10 and p = t·2^(9-i) mod 9, with p = 9 where t ≠ 0 and p = 0; the tenth digit is
(10 - Σp mod 10) mod 10. A person's TC kimlik no (eleven digits) is not a VKN and is refused.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_digit(first_nine):
    """The tenth digit of a VKN whose first nine digits are `first_nine` (a string of nine digits)."""
    total = 0
    for i, digit in enumerate(first_nine):
        t = (int(digit) + 9 - i) % 10
        p = (t * 2 ** (9 - i)) % 9
        if t != 0 and p == 0:
            p = 9
        total += p
    return (10 - total % 10) % 10


def normalise(value):
    """The number as typed, without the spaces, dots or dashes people write in it."""
    return "".join(ch for ch in str(value or "") if ch not in " .-\u00a0")


def is_valid(value):
    number = normalise(value)
    return len(number) == 10 and number.isascii() and number.isdigit() and check_digit(number[:9]) == int(number[9])


def validate_tax_number(value):
    number = normalise(value)
    if not (number.isascii() and number.isdigit()) or len(number) != 10:
        raise ValidationError(_("A tax number (VKN) has exactly 10 digits."), code="length")
    if check_digit(number[:9]) != int(number[9]):
        raise ValidationError(
            _("This is not a valid tax number: its last digit does not match. Please check it on your tax plate."),
            code="check_digit",
        )
