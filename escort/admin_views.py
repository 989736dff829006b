"""The escort's screens in the admin: the call centre's booking for a caller, and the unit's monthly figures."""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.reports import PeriodForm, report_xlsx
from escort import slots
from escort import statistics as figures
from escort.forms import BookingForm
from escort.groups import is_unit, may_book
from escort.views import chosen_day, day_choices, posted_data, process


def book(request):
    """The public booking form, filled by the call centre (or the unit) for someone on the phone."""
    if not may_book(request.user):
        raise PermissionDenied
    window = slots.booking_days()
    context = {"page_title": _("Book an escort"), "booking": None}
    if request.method == "POST":
        data = posted_data(request)
        form = BookingForm(data, day_slots=slots.slots(window), call_centre=True)
        booking, alternatives, _refusal = process(request, form, window, call_centre=True)
        if booking is not None:
            context.update(booking=booking, days=day_choices(window))
            return TemplateResponse(request, "escort/admin/book.html", context)
        parsed = slots.parse(data.get("slot"))
        day = parsed[0] if parsed and parsed[0] in window else chosen_day(data.get("day"), window)
        context.update(alternatives=alternatives, full_slot=parsed if alternatives else None)
    else:
        day = chosen_day(request.GET.get("gun"), window)
        form = BookingForm(day_slots=slots.slots([day]) if day else [], call_centre=True)
    if day is None:
        context["days"] = day_choices(window)
    else:
        context.update(form=form, day=day, day_slots=slots.slots([day]), chosen=form["slot"].value())
    return TemplateResponse(request, "escort/admin/book.html", context)


def last_twelve_months(today=None):
    """The first day of the month eleven months back, and the last day of this month."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - 11
    start = datetime.date(month_index // 12, month_index % 12 + 1, 1)
    end = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return start, end


def figures_view(request):
    """Per month: bookings, visitors helped, needs and offices visited; the last twelve months by default."""
    if not is_unit(request.user):
        raise PermissionDenied
    if request.GET:
        form = PeriodForm(request.GET)
    else:
        form = PeriodForm({"start": last_twelve_months()[0], "end": last_twelve_months()[1]})
    report = None
    if form.is_valid():
        report = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("format") == "xlsx":
            return report_xlsx(report, name="danisma-ve-refakat")
    query = request.GET.urlencode()
    if not query and report:
        query = f"start={report.start:%Y-%m-%d}&end={report.end:%Y-%m-%d}"
    return TemplateResponse(
        request,
        "escort/admin/figures.html",
        {"form": form, "report": report, "page_title": _("Escort figures"), "query": query},
    )
