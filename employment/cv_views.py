"""The job seeker's pages: their CV (/istihdam/cv/), its form, file, PDF, visibility, consents and deletion.

Every view works on the signed-in person's own CV; `cv_file_of` and `cv_pdf_of` serve another's CV only to those
`access.may_see_cv()` allows (the centre's staff, a firm through an agreed referral).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from employment import cv_files, cv_forms, seekers
from employment.access import may_see_cv
from employment.models import CV, EmploymentConsent

PURPOSES = {"isleme": EmploymentConsent.Purpose.PROCESSING, "paylasim": EmploymentConsent.Purpose.SHARING}


def _own_cv(user):
    return CV.objects.filter(user=user, anonymised_at__isnull=True).first()


def _cv_for_page(user):
    return (
        CV.objects.filter(user=user, anonymised_at__isnull=True)
        .select_related("neighbourhood")
        .prefetch_related("occupations", "education", "experience__occupation", "languages")
        .first()
    )


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def cv(request, file_form=None):
    """The person's CV as the centre sees it, with what they can do with it; an introduction before they have one."""
    found = _cv_for_page(request.user)
    consents = seekers.active_consents(request.user)
    context = {
        "cv": found,
        "consents": consents,
        "processing": consents.get(EmploymentConsent.Purpose.PROCESSING),
        "sharing": consents.get(EmploymentConsent.Purpose.SHARING),
        "file_form": file_form or cv_forms.FileForm(),
        "processing_wording": seekers.wording_of(EmploymentConsent.Purpose.PROCESSING),
        "sharing_wording": seekers.wording_of(EmploymentConsent.Purpose.SHARING),
        "stale_years": max(1, seekers.stale_days() // 365),
    }
    if found is not None:
        context["work_types"] = [label for value, label in seekers.work_type_choices() if value in found.work_types]
        context["stale_on"] = found.updated_at + datetime.timedelta(days=seekers.stale_days())
    return render(request, "employment/cv/cv.html", context, status=400 if file_form is not None else 200)


def _occupation_rows(form):
    """[(major group, [(occupation, ticked)], any ticked)] for the occupations' checkboxes."""
    chosen = {str(value) for value in (form["occupations"].value() or [])}
    rows = []
    for major, members in form.groups:
        ticks = [(occupation, str(occupation.pk) in chosen) for occupation in members]
        rows.append((major, ticks, any(ticked for _occupation, ticked in ticks)))
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request):
    existing = _own_cv(request.user)
    instance = existing or seekers.new_cv(request.user)
    consents = seekers.active_consents(request.user)
    form, formsets = cv_forms.build(request, instance, consents)
    if request.method == "POST":
        valid = form.is_valid()
        valid = all([formset.is_valid() for formset in formsets]) and valid
        if valid:
            seekers.save_cv(form, formsets, form.consents_given)
            messages.success(
                request, _("Your CV is saved.") if existing else _("Your CV is saved. You can now add your CV file.")
            )
            return redirect("employment:cv")
        messages.error(
            request, _("Your CV is not saved yet: please correct what is marked below. Nothing you typed is lost.")
        )
    return render(
        request,
        "employment/cv/edit.html",
        {
            "form": form,
            "formsets": dict(zip([prefix for prefix, _class in cv_forms.FORMSETS], formsets, strict=True)),
            "creating": existing is None,
            "groups": _occupation_rows(form),
            "language_names": cv_forms.language_names(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def upload_file(request):
    found = _own_cv(request.user)
    if found is None:
        return redirect("employment:cv_edit")
    form = cv_forms.FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("The file was not saved: see the message beside it."))
        return cv(request, file_form=form)
    seekers.store_file(found, form.cleaned_data["file"])
    messages.success(request, _("Your CV file is saved, without its hidden details (author, dates)."))
    return redirect("employment:cv")


@login_required
@require_POST
def remove_file(request):
    found = _own_cv(request.user)
    if found is not None and found.file:
        seekers.remove_file(found)
        messages.success(request, _("Your CV file is deleted."))
    return redirect("employment:cv")


@never_cache
@login_required
def download_file(request):
    found = _own_cv(request.user)
    if found is None:
        raise Http404
    return cv_files.serve(request, found)


def _cv_of(pk):
    if pk > 2**31:
        raise Http404
    return get_object_or_404(CV.objects.filter(anonymised_at__isnull=True), pk=pk)


@never_cache
@login_required
def file_of(request, pk):
    """Another person's CV file, for the centre's staff or a firm through an agreed referral (403 otherwise)."""
    return cv_files.serve(request, _cv_of(pk))


def render_pdf(request, cv):
    """The CV laid out on A4 by WeasyPrint, as the person wrote it."""
    from weasyprint import HTML

    cv = (
        CV.objects.filter(pk=cv.pk)
        .select_related("neighbourhood")
        .prefetch_related("occupations", "education", "experience__occupation", "languages")
        .get()
    )
    work_types = [label for value, label in seekers.work_type_choices() if value in cv.work_types]
    html = render_to_string("employment/cv/cv_print.html", {"cv": cv, "work_types": work_types}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cv-{cv.pk}.pdf"'
    return _private(response)


@login_required
def pdf(request):
    found = _own_cv(request.user)
    if found is None:
        raise Http404
    return render_pdf(request, found)


@login_required
def pdf_of(request, pk):
    found = _cv_of(pk)
    if not may_see_cv(request.user, found):
        raise PermissionDenied
    return render_pdf(request, found)


@login_required
@require_POST
def visibility(request):
    found = _own_cv(request.user)
    if found is None:
        raise Http404
    hidden = request.POST.get("hidden") == "1"
    seekers.set_hidden(found, hidden)
    if hidden:
        messages.success(
            request, _("Your CV is hidden: the centre will not propose you for vacancies until you show it again.")
        )
    else:
        messages.success(request, _("Your CV is visible to the centre again."))
    return redirect("employment:cv")


@login_required
@require_POST
def consent(request, purpose, action):
    """Give or withdraw a consent from the CV page."""
    purpose = PURPOSES.get(purpose)
    if purpose is None or action not in ("ver", "geri-al"):
        raise Http404
    standing = seekers.active_consents(request.user)
    if action == "geri-al":
        if seekers.withdraw_consent(request.user, purpose):
            if purpose == EmploymentConsent.Purpose.PROCESSING:
                messages.success(
                    request,
                    _(
                        "Your consent is withdrawn and your CV is hidden from the centre. It stays here for you; "
                        "delete it below if you want it gone."
                    ),
                )
            else:
                messages.success(request, _("Your consent is withdrawn: the centre will not propose you to employers."))
    elif purpose not in standing:
        found = _own_cv(request.user)
        disability = found is not None and found.disability_quota == CV.Quota.ELIGIBLE
        seekers.give(request.user, purpose, disability=disability)
        messages.success(request, _("Thank you: your consent is recorded."))
    return redirect("employment:cv")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    found = _own_cv(request.user)
    if found is None:
        return redirect("employment:cv")
    if request.method == "POST":
        outcome = seekers.delete_cv(found)
        messages.success(request, seekers.message_for(outcome))
        return redirect("employment:cv")
    return render(request, "employment/cv/delete.html", {"cv": found, "keeps_figures": seekers._keeps_figures(found)})


@never_cache
@require_http_methods(["GET", "POST"])
def keep(request, token):
    """The reminder e-mail's link: one button keeps the CV (a GET changes nothing, as mail scanners follow links)."""
    found = seekers.cv_for_keep_token(token)
    if request.method == "POST" and found is not None:
        seekers.keep(found)
        return render(request, "employment/cv/keep.html", {"cv": found, "kept": True})
    return render(request, "employment/cv/keep.html", {"cv": found, "kept": False}, status=200 if found else 404)
