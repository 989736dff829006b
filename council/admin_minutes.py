"""Attendance, quorum and minutes in the Wagtail admin, for those who record on a meeting's body.

A tablet tick list saved as each seat is ticked (with the live count and whether quorum is reached), a printed
sign-in sheet for paper (typed into the same list afterwards), closing the attendance, reconvening a meeting
without quorum, the minutes per agenda item and their approval. Every page answers 404 for a meeting of a body
the user may not record on (council.access.recordable_bodies).
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from council import admin_menu, minutes, quorum
from council.access import recordable_bodies, records_any_body
from council.models import AgendaItem, Meeting, Seat
from theme import admin_scope


def _meetings(user):
    """The meetings `user` records on: council/scopes.py's scope of meetings (a permission on meetings and a
    body they record on: the secretariat's all, an assembly's coordinators' their assembly's)."""
    return admin_scope.visible(user, Meeting).filter(body__in=recordable_bodies(user)).select_related("body")


def _meeting(request, meeting_id):
    return get_object_or_404(_meetings(request.user), pk=meeting_id)


def _errors_text(error):
    return " ".join(error.messages)


def index(request):
    """The meetings the user records on, newest first, with where each stands (attendance, quorum, minutes)."""
    if not recordable_bodies(request.user).exists():
        raise PermissionDenied
    page = Paginator(_meetings(request.user).order_by("-starts_at", "-pk"), 50).get_page(request.GET.get("p"))
    today = timezone.localdate()
    for meeting in page.object_list:
        # Attendance is taken on the day; before it, only the sheet to print is of use.
        meeting.not_yet = timezone.localtime(meeting.starts_at).date() > today
    return TemplateResponse(
        request, "council/admin/minutes_index.html", {"page_obj": page, "header_title": _("Attendance and minutes")}
    )


def _attendance_context(meeting):
    rows = quorum.sheet(meeting)
    return {
        "meeting": meeting,
        "rows": rows,
        "count": quorum.count(meeting),
        "rule": meeting.quorum_rule,
        "may_reconvene": quorum.may_reconvene(meeting),
        "header_title": _("Attendance"),
    }


def _count_json(meeting):
    figures = quorum.count(meeting)
    return {
        "present": figures.present,
        "filled": figures.filled,
        "required": figures.required,
        "met": figures.met,
        "status": _status_text(figures),
    }


def _status_text(figures):
    if figures.met:
        return _("Quorum reached: %(present)s present of %(filled)s filled seats (%(required)s needed).") % {
            "present": figures.present,
            "filled": figures.filled,
            "required": figures.required,
        }
    return _("No quorum yet: %(present)s present of %(filled)s filled seats, %(missing)s more needed.") % {
        "present": figures.present,
        "filled": figures.filled,
        "missing": figures.missing,
    }


def attendance(request, meeting_id):
    """The tick list. A tick posts one seat (`seat`, `present`, `substitute`) and answers the new count as JSON;
    without script the whole list posts at once (the paper sheet typed in afterwards)."""
    meeting = _meeting(request, meeting_id)
    if request.method == "POST":
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        try:
            if "seat" in request.POST:
                seat = _seat(meeting, request.POST["seat"])
                quorum.mark(
                    meeting,
                    seat,
                    present=request.POST.get("present") == "1",
                    by_substitute=request.POST.get("substitute") == "1",
                    user=request.user,
                )
            else:
                present = set(request.POST.getlist("present"))
                substitutes = set(request.POST.getlist("substitute"))
                for seat, _mark in quorum.sheet(meeting):
                    quorum.mark(
                        meeting,
                        seat,
                        present=str(seat.pk) in present,
                        by_substitute=str(seat.pk) in substitutes,
                        user=request.user,
                    )
        except ValidationError as error:
            if wants_json:
                return JsonResponse({"error": _errors_text(error)}, status=400)
            messages.error(request, _errors_text(error))
            return redirect("council_minutes:attendance", meeting.pk)
        if wants_json:
            return JsonResponse(_count_json(meeting))
        messages.success(request, _("Attendance saved."))
        return redirect("council_minutes:attendance", meeting.pk)
    return TemplateResponse(request, "council/admin/attendance.html", _attendance_context(meeting))


def _seat(meeting, value):
    if not str(value).isdigit() or len(str(value)) > 18:
        raise ValidationError(_("This seat was not filled on the meeting's day."))
    return get_object_or_404(Seat, pk=int(value), body_id=meeting.body_id)


@require_POST
def close_attendance(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    try:
        meeting = quorum.close(meeting, request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
        return redirect("council_minutes:attendance", meeting.pk)
    if meeting.quorum_met:
        messages.success(request, _("Attendance closed: the meeting has its quorum."))
        return redirect("council_minutes:minutes", meeting.pk)
    messages.warning(request, _("Attendance closed without quorum: no decisions can be recorded for this meeting."))
    return redirect("council_minutes:attendance", meeting.pk)


@require_POST
def reopen_attendance(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    try:
        quorum.reopen(meeting)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("Attendance reopened."))
    return redirect("council_minutes:attendance", meeting.pk)


def sign_in_sheet(request, meeting_id):
    """The printed sign-in sheet (PDF): each filled seat's holder, organisation and a column to sign."""
    from weasyprint import HTML

    meeting = _meeting(request, meeting_id)
    html = render_to_string(
        "council/admin/sign_in_sheet.html",
        {"meeting": meeting, "rows": quorum.sheet(meeting), "count": quorum.count(meeting)},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at).isoformat()
    response["Content-Disposition"] = f'inline; filename="imza-listesi-{meeting.body.slug}-{day}.pdf"'
    return response


class ReconveneForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)


def reconvene(request, meeting_id):
    """A new meeting that reconvenes one closed without quorum; it decides by the body's reconvened rule."""
    meeting = _meeting(request, meeting_id)
    if not quorum.may_reconvene(meeting):
        messages.error(request, _("Only a meeting closed without quorum can be reconvened, and only once."))
        return redirect("council_minutes:attendance", meeting.pk)
    initial = {"place": meeting.place, "address": meeting.address}
    form = ReconveneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = quorum.reconvene(meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The meeting is reconvened on %(when)s. Send its invitations from the meeting.")
                % {"when": timezone.localtime(new.starts_at).strftime("%d.%m.%Y %H:%M")},
            )
            return redirect("council_minutes:attendance", new.pk)
    return TemplateResponse(
        request,
        "council/admin/reconvene.html",
        {
            "meeting": meeting,
            "form": form,
            "rule": meeting.body.get_reconvened_quorum_rule_display(),
            "header_title": _("Reconvene the meeting"),
        },
    )


class ItemForm(forms.Form):
    discussion = forms.CharField(
        label=gettext_lazy("Discussion summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), required=False, choices=[("", "—"), *AgendaItem.Outcome.choices]
    )
    votes_for = forms.IntegerField(label=gettext_lazy("Votes for"), required=False, min_value=0, max_value=9999)
    votes_against = forms.IntegerField(label=gettext_lazy("Votes against"), required=False, min_value=0, max_value=9999)
    votes_abstaining = forms.IntegerField(
        label=gettext_lazy("Abstentions"), required=False, min_value=0, max_value=9999
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for name in ("votes_for", "votes_against", "votes_abstaining"):
            self.fields[name].error_messages["min_value"] = _("A number of votes cannot be negative.")
            self.fields[name].error_messages["invalid"] = _("Enter the number of votes as a whole number.")

    def clean(self):
        data = super().clean()
        if not self.errors:
            for field, message in minutes.check_item(
                self.meeting,
                data.get("outcome"),
                data.get("votes_for"),
                data.get("votes_against"),
                data.get("votes_abstaining"),
            ).items():
                self.add_error(field, message)
        return data


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("General notes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


def _opinion_link(item):
    """Where to form the opinion of an item whose outcome is one: the opinions' admin (council/opinions.py's
    form_opinion records its first step, "formed", with this meeting and vote), the item chosen in advance."""
    try:
        return reverse("council_opinions:add") + f"?agenda_item={item.pk}"
    except NoReverseMatch:
        return None


def minutes_view(request, meeting_id):
    """The minutes: for each agenda item the discussion, outcome and votes; general notes; then approval."""
    meeting = _meeting(request, meeting_id)
    items = list(meeting.agenda_items.all().prefetch_related("opinions"))
    writable = meeting.minutes_approved_at is None and meeting.attendance_closed_at is not None
    data = request.POST if request.method == "POST" and writable else None
    forms_by_item = [
        (
            item,
            ItemForm(
                data,
                prefix=f"item-{item.pk}",
                meeting=meeting,
                initial={
                    "discussion": item.discussion,
                    "outcome": item.outcome,
                    "votes_for": item.votes_for,
                    "votes_against": item.votes_against,
                    "votes_abstaining": item.votes_abstaining,
                },
            ),
        )
        for item in items
    ]
    summary_form = SummaryForm(data, initial={"summary": meeting.minutes_summary})
    if data is not None:
        if all(form.is_valid() for _item, form in forms_by_item) and summary_form.is_valid():
            try:
                minutes.record(
                    meeting,
                    {item.pk: form.cleaned_data for item, form in forms_by_item},
                    summary_form.cleaned_data["summary"],
                )
            except ValidationError as error:
                messages.error(request, _errors_text(error))
            else:
                messages.success(request, _("Minutes saved. They are not public until approved."))
                return redirect("council_minutes:minutes", meeting.pk)
        else:
            messages.error(request, _("The minutes could not be saved: please correct the marked fields."))
    return TemplateResponse(
        request,
        "council/admin/minutes.html",
        {
            "meeting": meeting,
            "items": [(item, form, _opinion_link(item)) for item, form in forms_by_item],
            "summary_form": summary_form,
            "writable": writable,
            "blocking": minutes.missing_for_approval(meeting) if meeting.minutes_approved_at is None else [],
            "header_title": _("Minutes"),
        },
    )


@require_POST
def approve(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    try:
        minutes.approve(meeting, request.user)
    except ValidationError as error:
        messages.error(request, _errors_text(error))
    else:
        messages.success(request, _("Minutes approved: they are now published on the site and as a PDF."))
    return redirect("council_minutes:minutes", meeting.pk)


def minutes_pdf_preview(request, meeting_id):
    """The minutes as they will print, for whoever records them (approved or not)."""
    from council.public.minutes import render_pdf

    meeting = _meeting(request, meeting_id)
    return render_pdf(request, meeting, draft=meeting.minutes_approved_at is None)


urls = (
    [
        path("", index, name="index"),
        path("<int:meeting_id>/attendance/", attendance, name="attendance"),
        path("<int:meeting_id>/attendance/close/", close_attendance, name="close_attendance"),
        path("<int:meeting_id>/attendance/reopen/", reopen_attendance, name="reopen_attendance"),
        path("<int:meeting_id>/sign-in-sheet.pdf", sign_in_sheet, name="sign_in_sheet"),
        path("<int:meeting_id>/reconvene/", reconvene, name="reconvene"),
        path("<int:meeting_id>/minutes/", minutes_view, name="minutes"),
        path("<int:meeting_id>/minutes/approve/", approve, name="approve"),
        path("<int:meeting_id>/minutes/preview.pdf", minutes_pdf_preview, name="preview_pdf"),
    ],
    "council_minutes",
)


class MinutesMenuItem(MenuItem):
    def is_shown(self, request):
        return records_any_body(request.user)


def register():
    """Called once from council/wagtail_hooks.py: the admin addresses and the item in the council's menu."""
    hooks.register("register_admin_urls", lambda: [path("council/minutes/", include(urls))])
    hooks.register(
        admin_menu.MENU_HOOK,
        lambda: MinutesMenuItem(
            gettext_lazy("Attendance and minutes"),
            reverse("council_minutes:index"),
            icon_name="clipboard-list",
            order=admin_menu.ORDER_MEETINGS + 5,
        ),
    )
