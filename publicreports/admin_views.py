"""The publishing check in the Wagtail admin (call centre only): a report's public text, hiding it, and each
photo's public copy with faces and number plates blurred."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from complaints.models import Attachment, Case, PublicPhoto
from publicreports import moderation, photos, reports


class CheckForm(forms.Form):
    public_description = forms.CharField(
        label=gettext_lazy("Text shown publicly"),
        help_text=gettext_lazy(
            "Prefilled with the resident's text, phone numbers, e-mail addresses and their name masked. Remove "
            "anything else that identifies a person: other names, door numbers, plates."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    hidden_from_public = forms.BooleanField(
        label=gettext_lazy("Hide this report from the public"),
        help_text=gettext_lazy("It disappears from the public list, map, its page and open data."),
        required=False,
    )


class PhotoForm(forms.Form):
    rectangles = forms.CharField(
        label=gettext_lazy("Areas to blur"),
        help_text=gettext_lazy(
            "Draw a rectangle over each face and number plate on the photo, or type one area a line as x, y, width, "
            "height in the photo's pixels (0, 0 is the top left corner). Leave empty to publish without blurring."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "class": "blur-rectangles"}),
        required=False,
    )


def _moderated_case(request, pk, lock=False):
    """The case, for the call centre only; anyone else is refused before anything of it is read."""
    if not moderation.may_moderate(request.user):
        raise PermissionDenied
    queryset = Case.objects.visible_to(request.user).select_related("topic", "neighbourhood", "moderated_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def _attachment(request, pk):
    if not moderation.may_moderate(request.user):
        raise PermissionDenied
    visible = Case.objects.visible_to(request.user)
    return get_object_or_404(Attachment.objects.filter(case__in=visible).select_related("case"), pk=pk)


def check(request, pk):
    """A report's publishing check: consent, the public text, hidden or not, and its photos."""
    if request.method == "POST":
        with transaction.atomic():
            case = _moderated_case(request, pk, lock=True)
            form = CheckForm(request.POST)
            if form.is_valid():
                moderation.check(
                    case, form.cleaned_data["public_description"], form.cleaned_data["hidden_from_public"], request.user
                )
                messages.success(request, _("Publishing check saved."))
                return redirect("publicreports_admin:check", case.pk)
    else:
        case = _moderated_case(request, pk)
        form = CheckForm(
            initial={
                "public_description": moderation.suggested_text(case),
                "hidden_from_public": case.hidden_from_public,
            }
        )
    attachments = list(case.attachments.filter(content_type__startswith="image/").select_related("public_photo"))
    return TemplateResponse(
        request,
        "publicreports/admin/check.html",
        {
            "case": case,
            "form": form,
            "attachments": attachments,
            "is_public": reports.public_cases().filter(pk=case.pk).exists(),
            "page_title": _("Publishing check of %(number)s") % {"number": case.display_number},
        },
    )


@require_POST
def hide(request, pk):
    with transaction.atomic():
        case = _moderated_case(request, pk, lock=True)
        hidden = request.POST.get("hidden") == "1"
        moderation.set_hidden(case, hidden, request.user)
    messages.success(request, _("The report is hidden from the public.") if hidden else _("The report is shown again."))
    return redirect("publicreports_admin:check", case.pk)


def photo(request, pk):
    """One photo: draw the areas to blur and approve its public copy, or withdraw it."""
    attachment = _attachment(request, pk)
    if not attachment.is_image:
        raise Http404
    copy = PublicPhoto.objects.filter(attachment=attachment).first()
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            photos.withdraw(attachment)
            messages.success(request, _("The photo is no longer shown publicly."))
            return redirect("publicreports_admin:check", attachment.case_id)
        form = PhotoForm(request.POST)
        if form.is_valid():
            try:
                rectangles = photos.parse_rectangles(
                    form.cleaned_data["rectangles"], attachment.width or 0, attachment.height or 0
                )
                photos.approve(attachment, rectangles, actor=request.user)
            except ValidationError as error:
                form.add_error("rectangles", error)
            else:
                messages.success(
                    request,
                    _("Photo approved for publishing with %(count)s area(s) blurred.") % {"count": len(rectangles)}
                    if rectangles
                    else _("Photo approved for publishing without blurring."),
                )
                return redirect("publicreports_admin:check", attachment.case_id)
    else:
        initial = "\n".join(", ".join(str(value) for value in box) for box in copy.blurred) if copy else ""
        form = PhotoForm(initial={"rectangles": initial})
    return TemplateResponse(
        request,
        "publicreports/admin/photo.html",
        {
            "attachment": attachment,
            "case": attachment.case,
            "copy": copy,
            "form": form,
            "page_title": _("Photo of %(number)s for publishing") % {"number": attachment.case.display_number},
        },
    )


def public_copy(request, pk):
    """The public copy as the public would see it, for staff to check the blurring."""
    attachment = _attachment(request, pk)
    copy = get_object_or_404(PublicPhoto, attachment=attachment)
    try:
        handle = copy.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def waiting_url():
    return reverse("cases:list") + "?publishing=waiting"


urlpatterns = [
    path("case/<int:pk>/", check, name="check"),
    path("case/<int:pk>/hide/", hide, name="hide"),
    path("photo/<int:pk>/", photo, name="photo"),
    path("photo/<int:pk>/public/", public_copy, name="public_copy"),
]


def urls():
    return [path("publicreports/", include((urlpatterns, "publicreports_admin"), namespace="publicreports_admin"))]
