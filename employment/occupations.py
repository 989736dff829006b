"""The occupations list: ISCO-08 as shipped (employment/data/isco08.csv) and the centre's own national occupations.

The CSV holds ISCO-08's structure (ILO, 2012) with the Turkish titles of TÜİK's translation: every major and
sub-major group, and the minor and unit groups the centre's vacancies need. A data migration loads it and a
later run of `load` brings an existing list up to date (matched by code, never duplicated). Staff add national
occupations (six digits, "7112.01") under a unit group in the admin; the ISCO rows themselves stay as shipped.
"""

import csv
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from places import turkish

ISCO_CSV = Path(__file__).resolve().parent / "data" / "isco08.csv"
SOURCE = "ISCO-08 (ILO, 2012); Türkçe adlar: TÜİK, Uluslararası Standart Meslek Sınıflaması (ISCO-08)"
NATIONAL_CODE = re.compile(r"^(\d{4})\.(\d{2})$")


def isco_rows(path=ISCO_CSV):
    """(code, Turkish name, English name) of every shipped row, parents before their children."""
    with path.open(encoding="utf-8") as lines:
        rows = csv.DictReader(line for line in lines if not line.startswith("#"))
        found = [(row["code"].strip(), row["name_tr"].strip(), row["name_en"].strip()) for row in rows]
    return sorted(found, key=lambda row: (len(row[0]), row[0]))


def parent_code(code):
    """The group an occupation belongs to: ISCO's codes by prefix ("7112" → "711"), "7112.01" → "7112"."""
    national = NATIONAL_CODE.match(code)
    if national:
        return national.group(1)
    return code[:-1] if len(code) > 1 else None


def level_of(code):
    digits = code.replace(".", "")
    return 6 if len(digits) > 4 else len(digits)


def sort_key(name):
    return turkish.sort_key(name)[:300]


def load(Occupation):
    """Create or update every ISCO row and link each to its parent; `Occupation` may be a migration's model.

    Returns the number of rows shipped. Staff-added occupations are left as they are.
    """
    by_code = {}
    for code, name, name_en in isco_rows():
        parent = by_code.get(parent_code(code))
        by_code[code], _created = Occupation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "level": level_of(code),
                "parent": parent,
                "added_by_staff": False,
                "sort_key": sort_key(name),
            },
        )
    return len(by_code)


def national_parent(code, Occupation):
    """The ISCO unit group a staff-added occupation belongs under ("7112.01" → 7112), or a ValidationError."""
    match = NATIONAL_CODE.match((code or "").strip())
    if not match:
        raise ValidationError({"code": _("Write the unit group's four digits, a dot and two digits, as 7112.01.")})
    parent = Occupation.objects.filter(code=match.group(1), added_by_staff=False).first()
    if parent is None:
        raise ValidationError(
            {
                "code": _("There is no ISCO-08 unit group %(code)s to add this occupation under.")
                % {"code": match.group(1)}
            }
        )
    return parent
