"""The Turkish alphabet: case mapping, collation keys and ASCII slugs.

Databases disagree on Turkish order (SQLite compares code points, PostgreSQL's
collation depends on the server's locale), so every list people read is ordered
by a key computed here and stored beside the name.
"""

import re
import unicodedata

ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Letters outside the alphabet (q, w, x, accented loan letters) sort after their
# nearest Turkish letter; digits come before letters, as in a telephone book.
_EXTRA = {"q": "p", "w": "v", "x": "v", "â": "a", "î": "i", "û": "u"}
_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜâîûÂÎÛ", "cgiosuCGIOSUaiuAIU")


def lower(text):
    """Lower-case with the Turkish dotted and dotless I (İ→i, I→ı)."""
    return text.replace("İ", "i").replace("I", "ı").lower()


def upper(text):
    """Upper-case with the Turkish dotted and dotless I (i→İ, ı→I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def sort_key(text):
    """A string of digits that sorts in Turkish alphabetical order under any collation.

    Each character becomes three digits: separators first, then digits, then the
    letters by their rank in the alphabet (a letter outside it right after its
    nearest Turkish letter), so "Çakmak" follows "Cemil Meriç" and "Ihlamurkuyu"
    comes before "İnkılap". Digits alone compare the same under SQLite's binary
    order and any PostgreSQL collation, which ignore punctuation differently.
    """
    key = []
    for char in lower(unicodedata.normalize("NFC", str(text))):
        if char in _RANK:
            key.append(f"1{2 * _RANK[char]:02d}")
        elif char in _EXTRA:
            key.append(f"1{2 * _RANK[_EXTRA[char]] + 1:02d}")
        elif char.isdigit():
            key.append(f"01{char}")
        elif char.isalpha():
            key.append("999")
        elif not key or key[-1] != "000":
            key.append("000")
    return "".join(key)


def sorted_turkish(items, key=str):
    """Sort any iterable in Turkish alphabetical order of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def slugify(text):
    """An ASCII slug: "Kıdemli Hemşehriciler Meclisi" → "kidemli-hemsehriciler-meclisi"."""
    text = lower(unicodedata.normalize("NFC", str(text))).translate(_ASCII)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip()
    return re.sub(r"[-\s_]+", "-", text).strip("-")


# How streets are written: "Alemdağ Caddesi", "Alemdağ Cad.", "Alemdağ Cd." are one street; the kind of way
# stays in the key, since "Çiçek Sokak" and "Çiçek Caddesi" are two streets.
_STREET_KINDS = [
    (r"caddesi|cadde|cad|cd", "cad"),
    (r"sokagi|sokak|sok|sk", "sk"),
    (r"bulvari|bulvar|blv|bul", "blv"),
    (r"yolu|yol", "yol"),
    (r"meydani|meydan", "meydan"),
]
_STREET_KIND = re.compile(r"\b(" + "|".join(words for words, _kind in _STREET_KINDS) + r")\b\.?")
_KIND_KEY = {}
for _words, _kind in _STREET_KINDS:
    for _word in _words.split("|"):
        _KIND_KEY[_word] = _kind
_NUMBER = re.compile(r"\b(?:no|numara)\s*[:.]?\s*(\d+(?:\s*/\s*\d+|[a-z])?)\b|^\s*(\d+[a-z]?)\b", re.IGNORECASE)


def ascii_fold(text):
    """Lower-case Turkish folded to ASCII: "Şehit Ömer Halisdemir" → "sehit omer halisdemir"."""
    return lower(unicodedata.normalize("NFC", str(text or ""))).translate(_ASCII)


def _street_part(text):
    """The comma-separated part of an address that names the street (not the mahalle), and what follows it."""
    parts = [part.strip() for part in str(text or "").split(",")]
    for index, part in enumerate(parts):
        if _STREET_KIND.search(ascii_fold(part)):
            return part, ", ".join(parts[index + 1 :])
    for index, part in enumerate(parts):
        if part and not _MAHALLE.search(ascii_fold(part)):
            return part, ", ".join(parts[index + 1 :])
    return "", ""


_MAHALLE = re.compile(r"\b(mahallesi|mah|mh)\b\.?")


def _street_span(part):
    """Where the street's name starts and ends in `part` (after any "… Mah." before it, up to its first
    Cad./Sk./Blv.… word), or None."""
    folded = ascii_fold(part)
    match = _STREET_KIND.search(folded)
    if not match:
        return None
    start = 0
    for mahalle in _MAHALLE.finditer(folded, 0, match.start()):
        start = mahalle.end()
    return start, match.end()


def street_key(text):
    """One key for the ways a street is written, for matching addresses people type against known ones.

    "Alemdağ Caddesi", "ALEMDAĞ CAD." and "alemdag cd" all give "alemdag cad"; "45. Sokak" gives "45 sk".
    The mahalle, the number and anything after them are left out ("Atakent Mah., Alemdağ Cad. No: 12" →
    "alemdag cad"). Text that names no way ("Parkın önü") has no key: "".
    """
    part, _rest = _street_part(unicodedata.normalize("NFC", str(text or "")))
    span = _street_span(part)
    if span is None:
        return ""
    text = ascii_fold(part[span[0] : span[1]])
    text = _STREET_KIND.sub(lambda match: f" {_KIND_KEY[match.group(1)]} ", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def split_address(text):
    """(street, building number) of a typed address, as well as can be told: ("Alemdağ Cad.", "12").

    The street runs to its Cad./Sk./Blv.… word; the number is what follows "No" or comes right after
    the street. Without such a word the street is "" (nothing to match on).
    """
    part, rest = _street_part(unicodedata.normalize("NFC", " ".join(str(text or "").split())))
    span = _street_span(part)
    if span is None:
        return "", ""
    street = part[span[0] : span[1]].strip(" ,.-") + ("." if part[span[1] - 1 : span[1]] == "." else "")
    match = _NUMBER.search((part[span[1] :] + " " + rest).strip(" ,.-"))
    number = (match.group(1) or match.group(2) or "").replace(" ", "").upper() if match else ""
    return street, number
