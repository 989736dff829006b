"""The statistics as files people keep: an XLSX workbook and a PDF laid out like the annual report."""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from theme.exports import XLSX, safe_row


def _filename(report, extension, name="cozum-merkezi"):
    return f"{name}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{extension}"


def statistics_xlsx(report, name="cozum-merkezi"):
    """One sheet per table of `report` (anything with `start`, `end` and `tables` of statistics.Table)."""
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
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx", name)}"'
    return response


def statistics_pdf(request, report):
    from weasyprint import HTML

    html = render_to_string("complaints/admin/statistics_print.html", {"report": report, "title": _("Çözüm Merkezi")})
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response
