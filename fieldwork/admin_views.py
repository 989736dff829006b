from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.reports import PeriodForm, report_xlsx
from fieldwork import access
from fieldwork import reports as figures


def reports(request):
    """Visits per mahalle and month, topics, satisfaction, cases opened and employer visits, with charts, or Excel."""
    if not access.in_team(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or {"year": timezone.localdate().year})
    report = None
    if form.is_valid():
        report = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("format") == "xlsx":
            return report_xlsx(report, name="saha-ziyaretleri")
    return TemplateResponse(
        request,
        "fieldwork/admin/reports.html",
        {"form": form, "report": report, "page_title": _("Field visit reports"), "query": request.GET.urlencode()},
    )
