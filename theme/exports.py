"""Spreadsheet exports (Wagtail's `list_export`) as people read them.

Wagtail writes a datetime to CSV as Python prints it in UTC
("2026-12-06 03:14:56.579161+00:00") and to Excel as UTC, a choice as its stored
key and a boolean as "True". The mixin writes local time (Europe/Istanbul) as
"06.12.2026 06:14", dates as "06.12.2026", choices by their label and booleans as
Evet/Hayır; the CSV starts with a byte-order mark so Excel reads its Turkish letters.

Whatever people typed reaches a spreadsheet or a feed only through `safe_text` and
`safe_cell`: characters XML 1.0 forbids (a vertical tab pasted from Word) are dropped, or
an XLSX file cannot be written and a feed is malformed; and a cell that starts like a formula
(`= + - @`, tab, carriage return) is kept as text, so a name such as `=HYPERLINK(...)` is never
run by the spreadsheet program of the person who opens the file.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str
from wagtail.coreutils import multigetattr

CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
DATE_FORMAT = "%d.%m.%Y"

# XML 1.0 allows tab, line feed and carriage return among the C0 controls, and no surrogates or U+FFFE/U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """`value` without the characters an XML document (XLSX, Open311's XML, a feed) cannot hold."""
    return _XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def safe_cell(value, export_format=None):
    """A spreadsheet cell that cannot start a formula: text that looks like one gets a leading apostrophe.

    The apostrophe is what spreadsheet programs show for "this is text"; in XLSX a cell is
    written as text anyway (`text_cell`), so `export_format=XLSX` only drops forbidden characters.
    """
    if not isinstance(value, str):
        return value
    value = safe_text(value)
    if export_format != XLSX and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_row(values, export_format=None):
    return [safe_cell(value, export_format) for value in values]


def text_cell(worksheet, value):
    """An openpyxl write-only cell that holds `value` as typed: text never becomes a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, safe_cell(value, XLSX))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def xlsx_rows(worksheet, rows):
    """Rows for `worksheet.append` in openpyxl's write-only mode, each value kept as written."""
    for row in rows:
        yield [text_cell(worksheet, value) for value in row]


def dataset_export(dataset, export_format):
    """A tablib Dataset as CSV (with a byte-order mark) or XLSX bytes, every cell made safe."""
    if export_format == CSV:
        safe = type(dataset)(headers=safe_row(dataset.headers or []))
        for row in dataset:
            safe.append(safe_row(row))
        return "\ufeff" + safe.export("csv")
    return xlsx_bytes(dataset.headers or [], dataset, title=dataset.title)


def xlsx_bytes(headers, rows, title=None):
    """One sheet with `headers` and `rows`, written in openpyxl's write-only mode."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((title or "Sheet1")[:31])
    for row in xlsx_rows(sheet, [headers, *rows]):
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def local_datetime_text(value):
    return (
        timezone.localtime(value).strftime(DATETIME_FORMAT)
        if timezone.is_aware(value)
        else value.strftime(DATETIME_FORMAT)
    )


def local_naive(value):
    """Excel has no time zones: the wall-clock time in Istanbul."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


class LocalSpreadsheetExportMixin:
    """Put before Wagtail's index view in the bases of a view with `list_export`."""

    custom_value_preprocess = {
        # datetime before date: a datetime is a date too.
        datetime.datetime: {CSV: local_datetime_text, XLSX: local_naive},
        datetime.date: {CSV: lambda value: value.strftime(DATE_FORMAT), XLSX: None},
        datetime.time: {CSV: lambda value: value.strftime("%H:%M"), XLSX: None},
        bool: {CSV: yes_no, XLSX: yes_no},
        list: {CSV: list_to_str, XLSX: list_to_str},
    }

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for accessor in row:
            owner_path, _dot, name = accessor.rpartition(".")
            owner = multigetattr(item, owner_path) if owner_path else item
            display = getattr(owner, f"get_{name}_display", None)
            if callable(display):
                row[accessor] = display()
            elif row[accessor] is None:
                row[accessor] = ""
        return row

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format), export_format)

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)
