""" "Sorun çözüldü mü?": the resident's answer to the municipality's answer, from the link in their e-mail or SMS.

No login: the link's signed token (complaints/feedback.py) is the resident's key, good for one answer to one
answering. Yes closes the case with their rating; no sends it back to the same directorate with their note.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import cases, feedback
from complaints.models import Case, CaseEvent
from publicreports import reports

RATINGS = [
    (5, gettext_lazy("5 – very happy")),
    (4, gettext_lazy("4 – happy")),
    (3, gettext_lazy("3 – neither happy nor unhappy")),
    (2, gettext_lazy("2 – unhappy")),
    (1, gettext_lazy("1 – very unhappy")),
]


class FixedForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=gettext_lazy("How happy are you with how it was handled?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how happy you are, from 1 to 5.")},
    )


class NotFixedForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What is still wrong?"),
        help_text=gettext_lazy(
            "Your note goes to the directorate with the case; it is not published. Please do not write your phone "
            "number or address again: the municipality already has them."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
        required=False,
    )


def _case_for(token, lock=False):
    """(case or None, state): state is "open", "used", "expired" or "invalid"."""
    try:
        read = feedback.read(token)
    except feedback.Expired:
        return None, "expired"
    if read is None:
        return None, "invalid"
    case_uuid, stamp = read
    queryset = Case.objects.select_related("topic", "directorate", "neighbourhood")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    case = queryset.filter(uuid=case_uuid).first()
    if case is None:
        return None, "invalid"
    return case, "open" if feedback.is_current(case, stamp) else "used"


def fixed(request, token):
    if request.method == "POST":
        response = _answer(request, token)
        if response is not None:
            return response
    case, state = _case_for(token)
    context = {"case": case, "state": state, "token": token}
    if state == "open":
        context.update(
            fixed_form=FixedForm(),
            not_fixed_form=NotFixedForm(),
            answer=reports.masked_answer(case),
        )
    elif state == "used":
        context["said"] = case.events.filter(action__in=[CaseEvent.Action.CONFIRMED, CaseEvent.Action.REOPENED]).last()
        context["public"] = reports.public_cases().filter(pk=case.pk).exists()
    return _private(render(request, "publicreports/fixed.html", context, status=404 if state == "invalid" else 200))


def _answer(request, token):
    """Record the resident's yes or no; None to show the page again (with the form's errors)."""
    with transaction.atomic():
        case, state = _case_for(token, lock=True)
        if state != "open":
            return None
        if request.POST.get("fixed") == "yes":
            form = FixedForm(request.POST)
            if not form.is_valid():
                return _private(
                    render(
                        request,
                        "publicreports/fixed.html",
                        {
                            "case": case,
                            "state": state,
                            "token": token,
                            "fixed_form": form,
                            "not_fixed_form": NotFixedForm(),
                            "answer": reports.masked_answer(case),
                        },
                    )
                )
            try:
                cases.confirm_fixed(case, form.cleaned_data["satisfaction"])
            except ValidationError:
                return None
            messages.success(request, _("Thank you. We are glad it is fixed; your rating has been recorded."))
        elif request.POST.get("fixed") == "no":
            form = NotFixedForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            try:
                cases.reopen_unfixed(case, note)
            except ValidationError:
                return None
            messages.success(
                request,
                _(
                    "Thank you for telling us. Your application has been reopened and sent back to %(directorate)s; "
                    "you will be told of the new answer."
                )
                % {"directorate": case.directorate or _("the Çözüm Merkezi")},
            )
        else:
            return None
    return redirect(request.path)


def _private(response):
    # The address is the resident's key: kept by no cache, named to no other site.
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"
    return response
