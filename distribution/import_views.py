"""The recipient book's import in the Wagtail admin: upload, dry-run preview, confirm; and its export.

The check and the import run as tasks (distribution.tasks); the status page shows
their progress and reloads itself with a meta refresh while they run (no inline
script: the admin's CSP forbids them).
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views import snippets as snippet_views

from config.spreadsheets import SpreadsheetError
from distribution import imports
from distribution.groups import is_member
from distribution.models import RecipientImport
from distribution.tasks import check_recipients, import_recipients
from theme.exports import LocalSpreadsheetExportMixin, safe_row

MAX_BYTES = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_SHOWN = 500


def may_import(user):
    return is_member(user) and user.has_perm("distribution.add_recipient")


def _require_permission(request):
    if not may_import(request.user):
        raise PermissionDenied


class RecipientIndexView(LocalSpreadsheetExportMixin, snippet_views.IndexView):
    """The recipients listing, with the import among its header buttons; its export in words, not keys."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_import(self.request.user):
            buttons.append(HeaderButton(_("Import recipients"), url=reverse("distribution_import"), icon_name="upload"))
        return buttons


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Recipient file"),
        help_text=gettext_lazy("Excel (.xlsx) or CSV, with the columns of the template; at most 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it into parts."))
        try:
            imports.read_dataset(upload, upload.name)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        upload.seek(0)
        return upload


def upload(request):
    _require_permission(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        recipient_import = RecipientImport.objects.create(original_name=upload.name[:255], created_by=request.user)
        recipient_import.file.save(upload.name, upload)
        check_recipients.enqueue(recipient_import.pk)
        return redirect("distribution_import_status", recipient_import.pk)
    return TemplateResponse(
        request,
        "distribution/admin/import_upload.html",
        {
            "form": form,
            "recent": RecipientImport.objects.all()[:10],
            "page_title": _("Import recipients"),
            "header_title": _("Import recipients"),
        },
    )


def status(request, pk):
    """The progress bar while a task runs; then the counts, the rows left out and the confirm button."""
    _require_permission(request)
    recipient_import = get_object_or_404(RecipientImport, pk=pk)
    return TemplateResponse(
        request,
        "distribution/admin/import_status.html",
        {
            "recipient_import": recipient_import,
            "progress_text": _("%(done)s of %(total)s rows")
            % {"done": recipient_import.processed_rows, "total": recipient_import.total_rows},
            "problems": recipient_import.problems[:PROBLEMS_SHOWN],
            "more_problems": max(0, len(recipient_import.problems) - PROBLEMS_SHOWN),
            "page_title": _("Import recipients"),
            "header_title": _("Import recipients"),
        },
    )


def confirm(request, pk):
    _require_permission(request)
    if request.method != "POST":
        return redirect("distribution_import_status", pk)
    recipient_import = get_object_or_404(RecipientImport, pk=pk)
    updated = RecipientImport.objects.filter(pk=recipient_import.pk, status=RecipientImport.Status.CHECKED).update(
        status=RecipientImport.Status.QUEUED
    )
    if updated:  # a second click finds it already queued and does nothing
        import_recipients.enqueue(recipient_import.pk)
    return redirect("distribution_import_status", recipient_import.pk)


def report(request, pk):
    """Every row left out by a check, as a CSV people can fix in Excel."""
    _require_permission(request)
    recipient_import = get_object_or_404(RecipientImport, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="alici-aktarim-raporu-{recipient_import.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Line"), _("Name"), _("Problem"), _("Reason")])
    kinds = {"duplicate": _("Duplicate"), "error": _("Error")}
    for problem in recipient_import.problems:
        writer.writerow(safe_row([problem["line"], problem["name"], kinds.get(problem["kind"], ""), problem["reason"]]))
    return response


def template(request):
    """An empty book with the import's columns."""
    _require_permission(request)
    response = HttpResponse(imports.template_dataset().export("xlsx"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="alici-listesi-sablonu.xlsx"'
    return response


def export(request):
    """The whole book in the import's columns, lists included."""
    _require_permission(request)
    response = HttpResponse(imports.export_dataset().export("xlsx"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="alicilar-aktarim.xlsx"'
    return response
