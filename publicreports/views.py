"""The public list and map of reports (Bildirimler), each report's page and its approved photos."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import Case, PublicPhoto, Topic
from complaints.publication import PUBLIC_STATUSES
from places import turkish
from places.models import Neighbourhood
from publicreports import reports

PER_PAGE = 20
PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


class ReportFilter(forms.Form):
    """The list's filters, by the words in the address (konu, mahalle, durum, donem)."""

    konu = forms.TypedChoiceField(label=gettext_lazy("Topic"), required=False, coerce=int, empty_value=None)
    mahalle = forms.ChoiceField(label=gettext_lazy("Neighbourhood"), required=False)
    durum = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    donem = forms.ChoiceField(
        label=gettext_lazy("Reported"),
        required=False,
        choices=[
            ("", gettext_lazy("Any time")),
            ("7", gettext_lazy("In the last 7 days")),
            ("30", gettext_lazy("In the last 30 days")),
            ("90", gettext_lazy("In the last 3 months")),
            ("365", gettext_lazy("In the last year")),
        ],
    )

    def __init__(self, data):
        super().__init__(data)
        topics = Topic.objects.filter(public=True).only("pk", "name", "name_en")
        # In the alphabet of the page's language: Ç after C, İ after I on the Turkish page.
        self.fields["konu"].choices = [("", _("All topics"))] + turkish.sorted_turkish(
            ((topic.pk, str(topic)) for topic in topics), key=lambda choice: choice[1]
        )
        self.fields["mahalle"].choices = [("", _("All neighbourhoods"))] + [
            (place.slug, place.name) for place in Neighbourhood.objects.in_turkish_order().only("slug", "name")
        ]
        self.fields["durum"].choices = [("", _("Any status"))] + [
            (key, label) for key, (label, _statuses) in PUBLIC_STATUSES.items()
        ]

    def filter(self, queryset):
        self.is_valid()
        # An outdated address (a topic no longer offered): the filters that still make sense apply.
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        if data.get("konu"):
            queryset = queryset.filter(topic_id=data["konu"])
        if data.get("mahalle"):
            queryset = queryset.filter(neighbourhood__slug=data["mahalle"])
        if data.get("durum"):
            queryset = queryset.filter(status__in=PUBLIC_STATUSES[data["durum"]][1])
        if data.get("donem"):
            queryset = queryset.filter(
                received_at__gte=timezone.now() - datetime.timedelta(days=PERIODS[data["donem"]])
            )
        return queryset

    @property
    def chosen(self):
        return any(self.data.get(name) for name in self.fields)


def report_list(request):
    """Public reports, newest first, twenty a page, with the page's reports on a map."""
    form = ReportFilter(request.GET)
    chosen = reports.listing(form.filter(reports.public_cases())).order_by("-received_at", "-pk")
    page_obj = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    rows = [reports.summary(case) for case in page_obj.object_list]
    points = [
        {
            "lat": float(row.latitude),
            "lon": float(row.longitude),
            "label": f"{row.topic} · {row.neighbourhood} · {row.status_label}",
            "url": reverse("publicreports:report", args=[row.pk]),
        }
        for row in rows
        if row.location
    ]
    return render(
        request,
        "publicreports/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "reports": rows,
            "points": points,
            "filtered": form.chosen,
            "pages": _page_numbers(page_obj),
        },
    )


def _page_numbers(page_obj, around=2):
    """The page numbers to link: the first, the last and those near the current one, None for a gap."""
    last = page_obj.paginator.num_pages
    wanted = {1, last, *range(page_obj.number - around, page_obj.number + around + 1)}
    numbers, previous = [], 0
    for number in sorted(n for n in wanted if 1 <= n <= last):
        if number > previous + 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def report_detail(request, pk):
    case = reports.public_cases().select_related("topic", "neighbourhood").filter(pk=pk).first()
    if case is None:
        # A public report the call centre merged into another: its followers find the original's page.
        original = _merged_into(pk)
        if original is None:
            raise Http404
        return redirect("publicreports:report", pk=original)
    report = reports.report(case)
    place = (
        [{"lat": float(report.latitude), "lon": float(report.longitude), "label": _("Approximate place")}]
        if report.location
        else []
    )
    return render(request, "publicreports/report.html", {"report": report, "place": place})


def _merged_into(pk):
    """The original's pk when `pk` was a report the public could see until it was merged into a public one."""
    merged = (
        Case.objects.filter(pk=pk, status=Case.Status.DUPLICATE, public_consent=True, hidden_from_public=False)
        .filter(anonymised_at__isnull=True)
        .values_list("duplicate_of", flat=True)
        .first()
    )
    return merged if merged and reports.public_cases().filter(pk=merged).exists() else None


def photo(request, pk, attachment_pk):
    """An approved public copy of a report's photo; 404 unless the report is public. The original is never served."""
    copy = get_object_or_404(
        PublicPhoto.objects.filter(attachment__case__in=reports.public_cases()).select_related("attachment"),
        attachment_id=attachment_pk,
        attachment__case_id=pk,
    )
    try:
        handle = copy.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="image/jpeg")
    # Public, but not for long: staff may hide the report or withdraw the photo.
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
