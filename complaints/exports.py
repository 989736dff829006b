"""The statistics as files people keep: an XLSX workbook and a PDF laid out like the annual report."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from config import reports


def statistics_xlsx(report):
    return reports.report_xlsx(report, "cozum-merkezi")


def statistics_pdf(request, report):
    from weasyprint import HTML

    html = render_to_string("complaints/admin/statistics_print.html", {"report": report, "title": _("Çözüm Merkezi")})
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reports.filename(report, "pdf", "cozum-merkezi")}"'
    return response
