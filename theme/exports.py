"""Spreadsheet exports (Wagtail's `list_export`) as people read them.

Wagtail writes a datetime to CSV as Python prints it in UTC
("2026-12-06 03:14:56.579161+00:00") and to Excel as UTC, a choice as its stored
key and a boolean as "True". The mixin writes local time (Europe/Istanbul) as
"06.12.2026 06:14", dates as "06.12.2026", choices by their label and booleans as
Evet/Hayır; the CSV starts with a byte-order mark so Excel reads its Turkish letters.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str
from wagtail.coreutils import multigetattr

CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
DATE_FORMAT = "%d.%m.%Y"


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

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)
