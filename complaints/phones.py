"""Phone numbers as citizens type them, stored as E.164 ("+905321234567").

Numbers without a country code are read as Turkish. Only mobiles can receive the
SMS with a tracking number, so forms check `is_mobile` before offering it.
"""

import functools
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "TR"
TURKEY_COUNTRY_CODE = 90

# FIXED_LINE_OR_MOBILE is what libphonenumber says where the numbering plan cannot tell
# them apart (e.g. the US); such numbers may well take SMS, so they are not refused.
SMS_CAPABLE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def _parse(text):
    """The valid `PhoneNumber` that `text` spells, or None."""
    try:
        number = phonenumbers.parse(text or "", DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise(text):
    """E.164 form of a phone number typed any usual way; ValidationError if it is not one."""
    number = _parse(text)
    if number is None:
        raise ValidationError(_("Enter a phone number such as 0532 123 45 67."), code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.lru_cache(maxsize=4096)
def is_mobile(e164):
    """Whether the number can receive SMS (a Turkish or foreign mobile, not a landline).

    Remembered per number: a new case asks it for each of its notices, in the app server and in the worker."""
    number = _parse(e164)
    return number is not None and phonenumbers.number_type(number) in SMS_CAPABLE_TYPES


def last_four(e164):
    """The last four digits, to name a number without showing it whole."""
    return re.sub(r"\D", "", e164)[-4:]


def display(e164):
    """How people write the number: "0532 123 45 67" for Turkish numbers, international otherwise."""
    number = _parse(e164)
    if number is None:
        return e164
    if number.country_code == TURKEY_COUNTRY_CODE:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
