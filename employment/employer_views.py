"""The firm's own area under /istihdam/isveren/: registering, its vacancies, and the candidates referred to them.

A firm's users reach only their own firm: every vacancy and referral is looked up through the user's firms, and
anything else is a 404 (another firm's vacancy or candidate does not exist for them).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employment import access, answers, employers
from employment.employer_forms import AnswerForm, FirmForm, VacancyForm
from employment.models import Referral, Vacancy, WorkType


def _own_vacancy(user, pk):
    return get_object_or_404(
        Vacancy.objects.select_related("firm", "occupation", "neighbourhood").filter(firm__in=access.firms_of(user)),
        pk=pk,
    )


def _own_firm(user, pk):
    return get_object_or_404(access.firms_of(user), pk=pk)


@login_required
def home(request):
    """The firm's start: each of the user's firms with its vacancies; an invitation to register otherwise."""
    firms = list(access.firms_of(request.user).order_by("sort_key"))
    today = timezone.localdate()
    sections = []
    for firm in firms:
        vacancies = list(employers.vacancies_of(firm))
        for vacancy in vacancies:
            vacancy.state = employers.public_state(vacancy, today)
        sections.append({"firm": firm, "vacancies": vacancies})
    return render(request, "employment/employer/home.html", {"sections": sections})


@login_required
def register(request):
    form = FirmForm(
        request.POST or None,
        initial={"contact_name": request.user.get_full_name(), "contact_email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        firm = employers.register_firm(form.save(commit=False), request.user)
        messages.success(
            request,
            _(
                "%(firm)s is registered. The employment centre checks new firms within a few working days; you can "
                "write your vacancies now, and they go public once the firm is verified."
            )
            % {"firm": firm.name},
        )
        return redirect("employment:employer")
    return render(request, "employment/employer/register.html", {"form": form})


def _saved_message(request, vacancy):
    if vacancy.status == Vacancy.Status.DRAFT:
        messages.success(request, _("The vacancy is saved as a draft. Publish it when it is ready."))
    elif not vacancy.firm.verified:
        messages.success(
            request,
            _(
                "The vacancy is saved. It will be public once the employment centre has verified your firm; "
                "until then nobody outside your firm sees it."
            ),
        )
    else:
        messages.success(request, _("The vacancy is published on the public list."))


@login_required
def vacancy_add(request, firm_pk):
    firm = _own_firm(request.user, firm_pk)
    form = VacancyForm(request.POST or None, initial={"positions": 1, "neighbourhood": firm.neighbourhood_id})
    if request.method == "POST" and form.is_valid():
        vacancy = form.save(commit=False)
        vacancy.firm = firm
        employers.save_vacancy(vacancy, request.user, publish="publish" in request.POST)
        _saved_message(request, vacancy)
        return redirect("employment:employer")
    return render(request, "employment/employer/vacancy_form.html", {"form": form, "firm": firm, "vacancy": None})


@login_required
def vacancy_edit(request, pk):
    vacancy = _own_vacancy(request.user, pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        employers.save_vacancy(form.save(commit=False), request.user, publish="publish" in request.POST)
        _saved_message(request, vacancy)
        return redirect("employment:employer")
    return render(
        request, "employment/employer/vacancy_form.html", {"form": form, "firm": vacancy.firm, "vacancy": vacancy}
    )


@login_required
@require_POST
def vacancy_close(request, pk):
    vacancy = _own_vacancy(request.user, pk)
    employers.close_vacancy(vacancy)
    messages.success(
        request,
        _("“%(title)s” is closed and no longer on the public list. Candidates already referred stay here.")
        % {"title": vacancy.title},
    )
    return redirect("employment:employer")


@login_required
def candidates(request, pk):
    """The candidates referred to one of the firm's vacancies (only those who agreed to it)."""
    vacancy = _own_vacancy(request.user, pk)
    referrals = (
        employers.candidates(vacancy.firm)
        .filter(vacancy=vacancy)
        .select_related("cv", "cv__neighbourhood")
        .order_by("-agreed_at", "-pk")
    )
    return render(request, "employment/employer/candidates.html", {"vacancy": vacancy, "referrals": referrals})


def _own_referral(user, pk):
    firms = list(access.firms_of(user))
    for firm in firms:
        referral = (
            employers.candidates(firm)
            .select_related("cv", "cv__neighbourhood", "vacancy", "vacancy__firm", "vacancy__occupation")
            .prefetch_related("cv__education", "cv__experience", "cv__languages", "cv__occupations")
            .filter(pk=pk)
            .first()
        )
        if referral is not None:
            return referral
    raise Http404


@login_required
def candidate(request, pk):
    """One referred candidate's CV, and the firm's answer: interviewed, hired (from a date), not hired (why)."""
    referral = _own_referral(request.user, pk)
    form = AnswerForm(
        request.POST or None,
        initial={"outcome": referral.outcome or None, "reason": referral.outcome_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            answers.record_answer(
                referral,
                form.cleaned_data["outcome"],
                form.cleaned_data["reason"],
                request.user,
                started_on=form.cleaned_data["started_on"],
            )
        except answers.AnswerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your answer for %(name)s is recorded. Thank you: the employment centre sees it at once.")
                % {"name": referral.cv.full_name},
            )
            return redirect("employment:firm_candidates", referral.vacancy_id)
    cv = referral.cv
    return render(
        request,
        "employment/employer/candidate.html",
        {
            "referral": referral,
            "vacancy": referral.vacancy,
            "cv": cv,
            "form": form,
            "hired": referral.outcome == Referral.Outcome.HIRED,
            "placement": getattr(referral, "placement", None) if referral.outcome == Referral.Outcome.HIRED else None,
            "work_types": _work_types(cv),
        },
    )


def _work_types(cv):
    labels = dict(WorkType.choices)
    return [labels[value] for value in cv.work_types or [] if value in labels]
