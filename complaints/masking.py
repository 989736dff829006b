"""Masking a resident's text before anyone reads it publicly: phone numbers, e-mail addresses and their own name.

Staff start the publishing check from the masked text (publicreports/moderation.py), and the public pages and the
open data (transparency/open_data.py) mask again what they show (the moderated text and the answer, which staff
write to the resident by name), so a number typed into either never reaches the public. The register's own rule,
beside complaints/publication.py, so every public use reads the same one.
"""

import re

from django.utils.translation import gettext as _

from places import turkish

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with the separators people type ("0532 123 45 67", "+90 (532) 123-4567", "5321234567").
PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d\)?")
# Ten digits and more: a Turkish number without its 0; dates (8 digits) and 444 9 822 (7) stay.
PHONE_DIGITS = 10


def _phone(match):
    text = match.group(0)
    if sum(character.isdigit() for character in text) >= PHONE_DIGITS:
        return _("[phone number removed]")
    return text


def _name_words(name):
    """The words of a person's name worth masking: three letters and more (not "A." or "de")."""
    return [word for word in re.split(r"[\s.,]+", name or "") if len(word) >= 3]


def mask(text, names=(), addresses=()):
    """`text` with e-mail addresses, phone numbers, the words of `names` and each of `addresses` (as written)
    replaced by a note in brackets."""
    if not text:
        return ""
    for address in addresses:
        if address and len(address.strip()) >= 5:
            text = re.sub(re.escape(address.strip()), lambda _match: _("[address removed]"), text, flags=re.IGNORECASE)
    text = EMAIL.sub(lambda _match: _("[e-mail address removed]"), text)
    text = PHONE_LIKE.sub(_phone, text)
    # Word by word with the Turkish case-folding (İ/ı), so "AYŞE", "Ayşe'nin" and "ayşe" are all masked.
    folded = {turkish.lower(word) for name in names for word in _name_words(name)}
    if folded:
        text = re.sub(
            r"\w+",
            lambda match: _("[name removed]") if turkish.lower(match.group(0)) in folded else match.group(0),
            text,
        )
    return text


def mask_for_case(text, case):
    """`text` masked of contact details, and of the name and the address of the case's resident."""
    return mask(text, [case.name] if case.name else [], [case.address] if case.address else [])
