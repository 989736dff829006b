"""Coordinators' tools for events in the Wagtail admin: attendees, sign-in sheet, .ics import.

Access follows Wagtail's page permissions: whoever may edit an event's page may
see its attendees; whoever may add pages under an assembly (or the council
calendar) may import events into it.
"""

import datetime

import tablib
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from events import ical_import, recurrence
from events.models import BOOKABLE_DATES, CalendarPage, EventPage, Registration
from events.registrations import canonical
from theme.exports import CSV, XLSX, dataset_export

MAX_ICS_BYTES = 2 * 1024 * 1024


def _editable_event(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def _date_of_series(request, event, base):
    """The date whose attendees are shown, with every date there is to choose from.

    Places are per date of a series: the coordinator works on one date at a time, `?tarih=YYYY-MM-DD`, by default
    the next (or, once the series is over, the last). A single event has one date and shows everyone (None).
    """
    if not event.is_recurring:
        return None, recurrence.occurrence_on(event, recurrence.local(event.starts_at).date()), []
    registered = (
        Registration.objects.filter(event=base, occurrence_date__isnull=False)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("occurrence_date", flat=True)
        .distinct()
    )
    upcoming = [occurrence.series_date for occurrence in event.upcoming_occurrences(limit=BOOKABLE_DATES)]
    days = sorted(set(registered) | set(upcoming))
    try:
        day = datetime.date.fromisoformat(request.GET.get("tarih", ""))
    except ValueError:
        day = None
    occurrence = recurrence.occurrence_on(event, day) if day else None
    if occurrence is None:
        today = timezone.localdate()
        coming = [candidate for candidate in days if candidate >= today]
        day = coming[0] if coming else (days[-1] if days else recurrence.local(event.starts_at).date())
        occurrence = recurrence.occurrence_on(event, day)
    return day, occurrence, days


def _date_choices(event, base, days, chosen):
    """The dates of a series for the coordinator's date links: each with its occurrence and counts."""
    counts = {}
    for day, status, number in (
        Registration.objects.filter(event=base, occurrence_date__in=days)
        .values("occurrence_date", "status")
        .annotate(number=Count("pk"))
        .values_list("occurrence_date", "status", "number")
    ):
        counts[(day, status)] = number
    return [
        {
            "day": day,
            "occurrence": recurrence.occurrence_on(event, day),
            "confirmed": counts.get((day, Registration.Status.CONFIRMED), 0),
            "waitlisted": counts.get((day, Registration.Status.WAITLISTED), 0),
            "current": day == chosen,
        }
        for day in days
    ]


def attendees(request, page_id):
    """Who registered, who waits, who came, for one date of a series; with check-in, exports and the sheet."""
    event = _editable_event(request, page_id)
    base = canonical(event)
    day, occurrence, days = _date_of_series(request, event, base)
    here = reverse("events_admin:attendees", args=[event.pk]) + (f"?tarih={day.isoformat()}" if day else "")
    if request.method == "POST" and request.POST.get("check_in"):
        value = request.POST["check_in"]
        if not (value.isdigit() and len(value) <= 18):
            raise Http404
        registration = get_object_or_404(Registration, pk=int(value), event=base)
        registration.checked_in_at = None if registration.checked_in_at else timezone.now()
        registration.save(update_fields=["checked_in_at"])
        return redirect(here)
    registrations = Registration.objects.filter(event=base).select_related("user").order_by("status", "created_at")
    if day:
        registrations = registrations.filter(occurrence_date=day)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return _export(event, registrations, export, day)
    counts = {status: 0 for status in Registration.Status.values}
    for registration in registrations:
        counts[registration.status] += 1
    return TemplateResponse(
        request,
        "events/admin/attendees.html",
        {
            "event": event,
            "day": day,
            "occurrence": occurrence,
            "dates": _date_choices(event, base, days, day) if day else [],
            "registrations": registrations,
            "counts": counts,
            "page_title": _("Attendees"),
            "header_title": _("Attendees"),
        },
    )


def _export(event, registrations, export_format, day=None):
    dataset = tablib.Dataset(
        headers=[
            _("Name"),
            _("E-mail"),
            _("Phone"),
            _("Status"),
            _("Check-in code"),
            _("Registered at"),
            _("Checked in"),
        ]
    )
    for registration in registrations:
        user = registration.user
        dataset.append(
            [
                user.get_full_name(),
                user.email,
                user.phone,
                str(registration.get_status_display()),
                registration.code,
                timezone.localtime(registration.created_at).strftime("%d.%m.%Y %H:%M"),
                timezone.localtime(registration.checked_in_at).strftime("%H:%M") if registration.checked_in_at else "",
            ]
        )
    from django.http import HttpResponse

    if export_format == "csv":
        response = HttpResponse(dataset_export(dataset, CSV), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            dataset_export(dataset, XLSX),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    name = f"katilimcilar-{event.slug}" + (f"-{day.isoformat()}" if day else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
    return response


def sign_in_sheet(request, page_id):
    """A page to print and take to the door: every confirmed person of the date, their code and a column to sign."""
    event = _editable_event(request, page_id)
    base = canonical(event)
    day, occurrence, _days = _date_of_series(request, event, base)
    people = Registration.objects.filter(event=base, status=Registration.Status.CONFIRMED).select_related("user")
    if day:
        people = people.filter(occurrence_date=day)
    from places.turkish import sorted_turkish

    people = sorted_turkish(people, key=lambda r: f"{r.user.last_name} {r.user.first_name}")
    return TemplateResponse(
        request, "events/admin/sign_in_sheet.html", {"event": event, "occurrence": occurrence, "people": people}
    )


def import_targets(user):
    """The pages under which `user` may add events: their assemblies, and the calendar for the council."""
    from assemblies.models import AssemblyPage

    if not may_add_pages(user):
        return []
    candidates = list(AssemblyPage.objects.filter(locale__language_code="tr").order_by("path")) + list(
        CalendarPage.objects.filter(locale__language_code="tr")
    )
    return [page for page in candidates if page.permissions_for_user(user).can_add_subpage()]


def may_import(user):
    """Whether import_targets(user) names any page, from one query of both kinds (the admin menu asks on every
    page); the same test on the same pages, read as plain pages."""
    from assemblies.coordinators import read_coordinated_assemblies
    from assemblies.models import AssemblyPage

    if not may_add_pages(user):
        return False
    # A coordinator's own assemblies, when the request has read them already (the dashboard's panels, the members
    # list), answer without a query: those of the site's language are among the candidates below.
    known = read_coordinated_assemblies(user) or []
    if any(page.locale.language_code == "tr" and page.permissions_for_user(user).can_add_subpage() for page in known):
        return True
    candidates = Page.objects.filter(locale__language_code="tr").type(AssemblyPage, CalendarPage).order_by("path")
    return any(page.permissions_for_user(user).can_add_subpage() for page in candidates)


def may_add_pages(user):
    """Whether `user` may add a page anywhere, from the page permissions Wagtail has already read for this request
    (its menu asks first): without any, no page passes can_add_subpage, and no page need be fetched to say so."""
    if not user.is_active or user.is_superuser:
        return user.is_active
    permissions = page_permission_policy.get_cached_permissions_for_user(user)
    # As PagePermissionTester names them: "add" from "add_page".
    return any(perm.permission.codename.rsplit("_", maxsplit=1)[0] == "add" for perm in permissions)


class IcsImportForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("Import into"))
    file = forms.FileField(label=gettext_lazy("Calendar file (.ics)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {str(page.pk): page for page in import_targets(user)}
        self.fields["target"].choices = [(pk, page.title) for pk, page in self.targets.items()]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".ics"):
            raise forms.ValidationError(_("Upload an iCalendar file ending in .ics."))
        if upload.size > MAX_ICS_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        content = upload.read()
        try:
            self.parsed = ical_import.parse(content)
        except ical_import.IcsError as error:
            raise forms.ValidationError(str(error)) from error
        self.content = content
        return upload

    def target_page(self):
        return self.targets[self.cleaned_data["target"]].specific


def ics_import(request):
    """Upload an .ics file, see what it would create or update, then confirm."""
    if not import_targets(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_import(request)
    form = IcsImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "page_title": _("Import events"), "header_title": _("Import events")}
    if request.method == "POST" and form.is_valid():
        target = form.target_page()
        token = ical_import.store_upload(form.content, request.user)
        context.update(
            {
                "target": target,
                "token": token,
                "rows": ical_import.plan(form.parsed, target),
            }
        )
    return TemplateResponse(request, "events/admin/ics_import.html", context)


def _confirm_import(request):
    targets = {str(page.pk): page for page in import_targets(request.user)}
    target = targets.get(request.POST.get("target", ""))
    if target is None:
        raise PermissionDenied
    try:
        content = ical_import.load_upload(request.POST["token"], request.user)
    except ical_import.IcsError as error:
        messages.error(request, str(error))
        return redirect("events_admin:import")
    result = ical_import.apply(ical_import.parse(content), target.specific, request.user)
    ical_import.forget_upload(request.POST["token"], request.user)
    messages.success(
        request,
        _("%(created)s events created, %(updated)s updated, %(skipped)s skipped.")
        % {"created": result["create"], "updated": result["update"], "skipped": result["skip"]},
    )
    return redirect("wagtailadmin_explore", target.pk)


def page_for_buttons(page):
    """The specific event page behind a page-listing button, or None."""
    if isinstance(page, Page) and page.specific_class is EventPage:
        return page.specific
    return None
