"""The public vacancy list (İş ilanları) with its filters, each vacancy's page, and a seeker's one-click application."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from employment import access, applications
from employment.models import CV, Occupation, Referral, Vacancy, WorkType
from places.models import Neighbourhood

PER_PAGE = 20


def cv_url():
    """The seeker's CV page (employment:cv), or "" while it does not exist."""
    try:
        return reverse("employment:cv")
    except NoReverseMatch:
        return ""


class VacancyFilter(forms.Form):
    """The list's filters, by the words in the address (meslek, mahalle, calisma, tarih, kota)."""

    meslek = forms.ChoiceField(label=gettext_lazy("Occupation"), required=False)
    mahalle = forms.ChoiceField(label=gettext_lazy("Neighbourhood"), required=False)
    calisma = forms.ChoiceField(label=gettext_lazy("Work type"), required=False)
    tarih = forms.ChoiceField(
        label=gettext_lazy("Posted"),
        required=False,
        choices=[
            ("", gettext_lazy("Any time")),
            ("7", gettext_lazy("In the last 7 days")),
            ("30", gettext_lazy("In the last 30 days")),
        ],
    )
    kota = forms.BooleanField(label=gettext_lazy("Only vacancies reserved for the disability quota"), required=False)

    def __init__(self, data, vacancies):
        super().__init__(data)
        codes = set(vacancies.order_by().values_list("occupation__code", flat=True).distinct())
        # Each major group with a vacancy, then the unit groups of it that have one (names in Turkish order).
        majors = {code[0] for code in codes}
        groups = {
            o.code: o for o in Occupation.objects.filter(code__in=majors | {c.replace(".", "")[:4] for c in codes})
        }
        choices = [("", _("All occupations"))]
        for major in sorted(majors):
            group = groups.get(major)
            units = sorted(
                (
                    groups[u]
                    for u in {c.replace(".", "")[:4] for c in codes if c.startswith(major)}
                    if u in groups and len(u) == 4
                ),
                key=lambda o: o.sort_key,
            )
            if group is not None:
                choices.append((group.code, group.name))
            choices += [(unit.code, f"– {unit.name}") for unit in units]
        self.fields["meslek"].choices = choices
        self.fields["mahalle"].choices = [("", _("All neighbourhoods"))] + [
            (place.slug, place.name) for place in Neighbourhood.objects.in_turkish_order()
        ]
        self.fields["calisma"].choices = [("", _("Any work type")), *WorkType.choices]

    def filter(self, queryset):
        self.is_valid()
        # An outdated address (an occupation no longer listed): the filters that still make sense apply.
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        if data.get("meslek"):
            queryset = queryset.filter(occupation__code__startswith=data["meslek"])
        if data.get("mahalle"):
            queryset = queryset.filter(neighbourhood__slug=data["mahalle"])
        if data.get("calisma"):
            queryset = queryset.filter(work_type=data["calisma"])
        if data.get("tarih"):
            since = timezone.now() - datetime.timedelta(days=int(data["tarih"]))
            queryset = queryset.filter(published_at__gte=since)
        if data.get("kota"):
            queryset = queryset.filter(disability_quota=True)
        return queryset

    @property
    def chosen(self):
        return any(self.data.get(name) for name in self.fields)


def vacancy_list(request):
    vacancies = Vacancy.objects.public()
    form = VacancyFilter(request.GET, vacancies)
    chosen = (
        form.filter(vacancies).select_related("firm", "occupation", "neighbourhood").order_by("-published_at", "-pk")
    )
    page_obj = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "employment/vacancies.html",
        {"form": form, "page_obj": page_obj, "vacancies": page_obj.object_list, "filtered": form.chosen},
    )


def _vacancy_for(request, pk):
    """A public vacancy; a vacancy not (yet) public only for its own firm's users, to preview it."""
    vacancy = get_object_or_404(Vacancy.objects.select_related("firm", "occupation", "neighbourhood"), pk=pk)
    public = Vacancy.objects.public().filter(pk=pk).exists()
    if not public and not access.may_act_for(request.user, vacancy.firm):
        raise Http404
    return vacancy, public


def _seeker_cv(user):
    if not user.is_authenticated:
        return None
    return CV.objects.filter(user=user).first()


def vacancy_detail(request, pk):
    vacancy, public = _vacancy_for(request, pk)
    cv = _seeker_cv(request.user)
    applied = Referral.objects.filter(vacancy=vacancy, cv=cv).first() if cv else None
    refusal = applications.refusal(cv, vacancy) if request.user.is_authenticated and public and not applied else None
    login_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
    return render(
        request,
        "employment/vacancy.html",
        {
            "vacancy": vacancy,
            "public": public,
            "applied": applied,
            "refusal": refusal,
            "cv_url": cv_url(),
            "login_url": login_url,
            "skills": vacancy.skill_list,
            "own": not public or access.may_act_for(request.user, vacancy.firm),
        },
    )


@require_POST
def apply(request, pk):
    back = reverse("employment:vacancy", args=[pk])
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
    vacancy = get_object_or_404(Vacancy, pk=pk)
    try:
        applications.apply(_seeker_cv(request.user), vacancy)
    except applications.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Your application is sent. The employment centre looks at your CV and refers it to %(firm)s; "
                "you will hear from the centre by e-mail or phone."
            )
            % {"firm": vacancy.firm.name},
        )
    return redirect(back)
