"""Tracking numbers: nine digits, read out over the phone in three groups ("482 193 657").

The last digit is a Damm check digit, which catches every single mistyped digit and
every swap of two neighbouring digits, so a typo is refused before any look-up.
Numbers are random rather than sequential: a number says nothing about how many
cases there are, and the next one cannot be guessed from one's own.
"""

import hmac
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

# Damm's totally anti-symmetric quasigroup of order 10.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
LENGTH = 9


def check_digit(digits):
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def new_number():
    """A fresh random number with its check digit (the first digit is never 0, so it reads the same everywhere)."""
    body = str(secrets.randbelow(9 * 10 ** (LENGTH - 2)) + 10 ** (LENGTH - 2))
    return body + check_digit(body)


def parse(text):
    """The number typed in `text` (spaces, dashes and dots allowed), or None when it is not a valid number."""
    digits = "".join(character for character in str(text or "") if character not in " -.\u00a0")
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits if check_digit(digits) == "0" else None


def display(number):
    return " ".join(number[index : index + 3] for index in range(0, len(number), 3))


# The security code: the second factor that, with the number, opens a case's status page. It goes only to the
# resident (confirmation page, e-mail, SMS, in a link), is 12 characters of Crockford's base32 (60 bits, no
# I, L, O or U to misread) and is derived from the case's UUID with the site's secret, so every case, old ones
# included, has one without storing it. Guessing it is hopeless, so the limits can fall on the guesser.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_CODE_SALT = "complaints.tracking.security_code"
# What people type for the letters the alphabet leaves out.
_CODE_READINGS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _code(case_uuid, secret=None):
    digest = salted_hmac(_CODE_SALT, str(case_uuid), secret=secret, algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big")
    return "".join(CODE_ALPHABET[(number >> (5 * index)) & 31] for index in range(CODE_LENGTH))


def security_code(case_uuid):
    """The case's security code, e.g. "7K2M9QXR4TBA"."""
    return _code(case_uuid)


def display_code(code):
    """In three groups of four, as printed and read out: "7K2M-9QXR-4TBA"."""
    return "-".join(code[index : index + 4] for index in range(0, len(code), 4))


def normalise_code(text):
    """The code typed in `text` (any case, spaces and dashes, O for 0, I or L for 1), or "" when it cannot be one."""
    code = "".join(character for character in str(text or "").upper() if character not in " -.\u00a0")
    code = code.translate(_CODE_READINGS)
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return ""
    return code


def code_matches(case_uuid, typed):
    """Whether `typed` is the case's code, compared in constant time (codes made before a key rotation still open)."""
    typed = normalise_code(typed).encode()
    found = False
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        found |= hmac.compare_digest(_code(case_uuid, secret).encode(), typed or b"-")
    return found
