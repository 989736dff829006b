"""Report tables shared by every feature that counts its work for a period (the Çözüm Merkezi's statistics,
Çözüm Postası's deliveries): the tables' shape, the period form, and the workbook people keep.

Below the features that use it, so none of them imports another's reports.
"""

import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from theme.exports import XLSX, safe_row


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)  # tuples matching `columns`
    total: tuple | None = None
    chart_column: int = 1  # the column the bar chart draws against the first

    @property
    def halves(self):
        """The rows in two columns, as the report prints its neighbourhood table."""
        middle = (len(self.rows) + 1) // 2
        return [self.rows[:middle], self.rows[middle:]]

    @property
    def chart_rows(self):
        """(label, value) for the bar chart: the first column and `chart_column` (the second unless told)."""
        return [(row[0], row[self.chart_column] or 0) for row in self.rows]


@dataclass
class Report:
    start: datetime.date
    end: datetime.date  # inclusive
    total: int
    tables: list

    def table(self, key):
        return next(table for table in self.tables if table.key == key)


def period(start, end):
    """The aware datetimes bounding the local days `start`..`end` (inclusive)."""
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    finish = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    return begin, finish


class PeriodForm(forms.Form):
    """A year, or a range of days within which cases were received."""

    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False)
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            if data["start"] > data["end"]:
                raise ValidationError(_("The first day must come before the last."))
            return data
        year = data.get("year") or timezone.localdate().year
        data["start"], data["end"] = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        data["year"] = year
        return data


def filename(report, extension, name):
    return f"{name}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{extension}"


def report_xlsx(report, name):
    """One sheet per table of `report` (anything with `start`, `end` and `tables` of Table)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables:
        sheet = workbook.create_sheet(title=str(table.title)[:31].replace("/", "-").replace(":", ""))
        sheet.append([str(table.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([f"{report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}"])
        sheet.append([str(column) for column in table.columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(safe_row(row, XLSX))
        if table.total:
            sheet.append([str(table.total[0]), *table.total[1:]])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 44
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(report, "xlsx", name)}"'
    return response
