"""Spreadsheets people upload to the admin: Excel, or CSV as Excel and LibreOffice write it in Turkey.

Shared by every import (assembly rosters, the Çözüm Postası recipient book), with
the django-import-export widgets that read what people type by hand.
"""

import csv
import io

import tablib
from django.utils.translation import gettext as _
from import_export import widgets

from places import turkish


class SpreadsheetError(Exception):
    """The file cannot be read as the expected table; the message says why, for people."""


def read_dataset(fileobj, name, required_column):
    """The uploaded file as a tablib Dataset: Excel, or CSV in UTF-8 or Turkish Windows encoding.

    The CSV delimiter (comma, semicolon or tab) is sniffed; `required_column` must be
    among the headings of the first row.
    """
    content = fileobj.read()
    if name.lower().endswith(".xlsx"):
        if not content.startswith(b"PK\x03\x04"):
            raise SpreadsheetError(_("This is not an Excel (.xlsx) file."))
        try:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:
            raise SpreadsheetError(_("The Excel file could not be read.")) from error
    else:
        dataset = _read_csv(content)
    if not dataset.headers or required_column not in dataset.headers:
        raise SpreadsheetError(
            _("The first row must hold the column names; “%(column)s” is missing.") % {"column": required_column}
        )
    return dataset


def _read_csv(content):
    for encoding in ("utf-8-sig", "cp1254"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(_("The file's characters could not be read; save it as UTF-8 CSV."))
    if "\x00" in text:
        raise SpreadsheetError(_("This is not a CSV file."))
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return tablib.Dataset().load(text, format="csv", delimiter=delimiter)


def loose_key(text):
    """A spelling-tolerant key for matching names typed by hand: case, dots and "mahallesi" ignored."""
    text = turkish.lower(str(text or "")).replace(".", " ").strip()
    for suffix in (" mahallesi", " mahalle", " mah"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


class LabelChoiceWidget(widgets.Widget):
    """A choice written by its Turkish or English label, or its code."""

    def __init__(self, choices, aliases=None, default=""):
        self.lookup = {}
        for code, label in choices:
            self.lookup[loose_key(code)] = code
            self.lookup[loose_key(label)] = code
        for alias, code in (aliases or {}).items():
            self.lookup[loose_key(alias)] = code
        self.default = default
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.default
        code = self.lookup.get(loose_key(value))
        if code is None:
            raise ValueError(_("“%(value)s” is not one of the allowed values.") % {"value": value})
        return code

    def render(self, value, obj=None, **kwargs):
        return value


class NeighbourhoodWidget(widgets.Widget):
    """A mahalle by name, however it is capitalised or abbreviated ("Çakmak Mah.")."""

    def __init__(self):
        self.by_key = None
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if self.by_key is None:
            from places.models import Neighbourhood

            self.by_key = {loose_key(n.name): n for n in Neighbourhood.objects.all()}
        neighbourhood = self.by_key.get(loose_key(value))
        if neighbourhood is None:
            raise ValueError(_("There is no neighbourhood called “%(value)s” in Ümraniye.") % {"value": value})
        return neighbourhood

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


def row_problem(resource, row_result):
    """Why an import-export row failed, for people: each message after its column's heading ("Mahalle: …")."""
    error = row_result.validation_error
    if error is None:
        return str(row_result.errors[0].error) if row_result.errors else _("The row could not be read.")
    if hasattr(error, "message_dict"):

        def heading(name):
            field = resource.fields.get(name)
            return field.column_name if field else name

        return " ".join(f"{heading(name)}: {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)
