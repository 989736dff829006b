"""İstihdam Merkezi rakamları: the centre's yearly figures in the report's layout, with charts and Excel.

For the centre's staff (and administrators); a period of whole years by default, from the first year with
records to this one, or any year or range of days through the shared period form.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from config.reports import PeriodForm, report_xlsx
from employment import access
from employment import statistics as figures


def first_year():
    """The first year anything was recorded (this year on an empty database)."""
    from employment.models import CV

    earliest = CV.objects.aggregate(first=Min("created_at"))["first"]
    this_year = timezone.localdate().year
    return min(timezone.localtime(earliest).year, this_year) if earliest else this_year


def figures_view(request):
    if not access.is_centre_staff(request.user):
        raise PermissionDenied
    if request.GET:
        form = PeriodForm(request.GET)
    else:
        # As the date fields send them, so the fields show the period.
        form = PeriodForm({"start": f"{first_year()}-01-01", "end": f"{timezone.localdate().year}-12-31"})
    report = None
    if form.is_valid():
        report = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("format") == "xlsx":
            return report_xlsx(report, name="istihdam-merkezi")
    return TemplateResponse(
        request,
        "employment/admin/figures.html",
        {
            "form": form,
            "report": report,
            "table": report.tables[0] if report else None,
            "charts": figures.charts(report) if report else [],
            "page_title": _("Employment centre figures"),
            "query": _query(form) if report else "",
        },
    )


def _query(form):
    """The period shown, as the Excel link asks for it."""
    return f"start={form.cleaned_data['start']:%Y-%m-%d}&end={form.cleaned_data['end']:%Y-%m-%d}"


def urls():
    return [path("employment/figures/", figures_view, name="employment_figures")]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_centre_staff(request.user)


def menu_item():
    return FiguresMenuItem(_("Employment centre figures"), reverse("employment_figures"), icon_name="table", order=80)
