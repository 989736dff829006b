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
