"""Tracking numbers: nine digits, read out over the phone in three groups ("482 193 657").

The last digit is a Damm check digit, which catches every single mistyped digit and
every swap of two neighbouring digits, so a typo is refused before any look-up.
Numbers are random rather than sequential: a number says nothing about how many
cases there are, and the next one cannot be guessed from one's own.
"""

import secrets

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
