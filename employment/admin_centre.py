"""The centre's screens in the admin: Adaylar (CVs), İlanlar (vacancies and their ranked candidates), Yönlendirmeler
(applications to screen, referrals) and İstihdamlar (placements and their follow-ups).

Only the İstihdam Merkezi group and administrators see any of it (`access.is_centre_staff`): every listing and
object page keeps to `centre_scope` through theme/admin_scope, and every page of its own checks `staff_only`.
CVs are read here, never edited: they are their owners' (employment's CV pages).
"""

import datetime
from functools import wraps

import django_filters
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from employment import access, matching, referrals
from employment import placements as follow_ups
from employment import search as cv_search
from employment.models import (
    CV,
    EmploymentConsent,
    Firm,
    Occupation,
    Placement,
    Referral,
    Vacancy,
    WorkType,
)
from places.models import Neighbourhood
from theme import admin_scope

ORDER_CVS, ORDER_VACANCIES, ORDER_REFERRALS, ORDER_PLACEMENTS = 10, 20, 30, 40


# Who ----------------------------------------------------------------------------------------------------------


def centre_scope(model):
    """Everything of `model` for the centre's staff, nothing for anyone else (whatever permissions they hold)."""

    def scope(user):
        manager = model._default_manager
        return manager.all() if access.is_centre_staff(user) else manager.none()

    return scope


def register_scopes():
    from employment import models

    for model in (
        models.CV,
        models.Education,
        models.Experience,
        models.Language,
        models.EmploymentConsent,
        models.Firm,
        models.FirmMember,
        models.Vacancy,
        models.Referral,
        models.Placement,
    ):
        admin_scope.register(model, centre_scope(model))


def staff_only(view):
    """A page of the centre's own: the sign-in page for visitors, a plain 403 for every other login."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_centre_staff(request.user):
            return defaults.permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


class StaffOnlyMixin:
    """For the viewsets' own views: the centre's staff only, even for someone holding the model's permissions."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_centre_staff(request.user):
            return defaults.permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class StaffOnlyViewSetMixin:
    """Every view of the viewset for the centre's staff only (any viewset of the İstihdam Merkezi menu)."""

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, StaffOnlyMixin):
            view_class = type(f"StaffOnly{view_class.__name__}", (StaffOnlyMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class CentreViewSet(StaffOnlyViewSetMixin, admin_scope.ScopedViewSetMixin, ModelViewSet):
    copy_view_enabled = False


def work_types_display(values):
    labels = dict(WorkType.choices)
    return ", ".join(str(labels[value]) for value in values or [] if value in labels)


def dash(value):
    return "—" if value in (None, "") else value


# Adaylar: CVs -------------------------------------------------------------------------------------------------


class UpdatedFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs):
        choices = [
            ("30", gettext_lazy("In the last 30 days")),
            ("180", gettext_lazy("In the last 6 months")),
            ("365", gettext_lazy("In the last year")),
            ("older", gettext_lazy("More than a year ago")),
        ]
        super().__init__(choices=choices, method=self.by_age, **kwargs)

    @staticmethod
    def by_age(queryset, name, value):
        today = timezone.now()
        if value == "older":
            return queryset.filter(updated_at__lt=today - datetime.timedelta(days=365))
        return queryset.filter(updated_at__gte=today - datetime.timedelta(days=int(value)))


def _sought_occupations(request=None):
    return Occupation.objects.filter(level__gte=Occupation.Level.UNIT, seekers__isnull=False).distinct()


class CVFilterSet(WagtailFilterSet):
    occupation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Occupation sought"), queryset=_sought_occupations, method="by_occupation"
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Neighbourhood (mahalle)"), queryset=Neighbourhood.objects.in_turkish_order()
    )
    work_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Work type wanted"), choices=WorkType.choices, method="by_work_type"
    )
    disability_quota = django_filters.ChoiceFilter(
        label=gettext_lazy("Disability quota"),
        choices=[(value, label) for value, label in CV.Quota.choices if value],
    )
    updated = UpdatedFilter(label=gettext_lazy("Last updated"))

    class Meta:
        model = CV
        fields = ["occupation", "neighbourhood", "work_type", "disability_quota", "updated"]

    def by_occupation(self, queryset, name, value):
        # A unit group finds the national occupations under it too (7112 finds 7112.01).
        return queryset.filter(occupations__code__startswith=value.unit_code or value.code).distinct()

    def by_work_type(self, queryset, name, value):
        return queryset.filter(work_types__icontains=f'"{value}"')


class OccupationsColumn(Column):
    def get_value(self, instance):
        return ", ".join(f"{o.code} {o.name}" for o in instance.occupations.all()) or "—"


class WorkTypesColumn(Column):
    def get_value(self, instance):
        return work_types_display(instance.work_types) or "—"


class NeighbourhoodColumn(Column):
    def get_value(self, instance):
        return instance.neighbourhood.name if instance.neighbourhood_id else "—"


class CVIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(anonymised_at__isnull=True)
            .select_related("neighbourhood")
            .prefetch_related("occupations")
        )

    def search_queryset(self, queryset):
        return cv_search.search(queryset, self.search_query) if self.is_searching else queryset

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None


class CVInspectView(generic.InspectView):
    template_name = "employment/admin/cv_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cv = self.object
        if cv.anonymised_at:
            raise Http404
        context.update(
            {
                "cv": cv,
                "work_types": work_types_display(cv.work_types),
                "education": cv.education.all(),
                "experience": cv.experience.select_related("occupation"),
                "languages": cv.languages.all(),
                "consents": EmploymentConsent.objects.filter(user_id=cv.user_id) if cv.user_id else [],
                "referrals": cv.referrals.select_related("vacancy__firm").order_by("-created_at"),
                "placements": cv.placements.select_related("firm"),
                "sharing": referrals.has_sharing_consent(cv),
                "placement_url": reverse("employment_placements:add") + f"?cv={cv.pk}",
            }
        )
        return context


class CVViewSet(CentreViewSet):
    model = CV
    icon = "user"
    menu_label = gettext_lazy("Candidates")
    add_to_admin_menu = False
    inspect_view_enabled = True
    index_view_class = CVIndexView
    inspect_view_class = CVInspectView
    filterset_class = CVFilterSet
    search_fields = ["full_name"]
    list_per_page = 50
    ordering = ["-updated_at"]
    list_display = [
        "full_name",
        NeighbourhoodColumn("neighbourhood", label=gettext_lazy("Neighbourhood (mahalle)")),
        OccupationsColumn("occupations", label=gettext_lazy("Occupations sought")),
        WorkTypesColumn("work_types", label=gettext_lazy("Work types wanted")),
        DateColumn("updated_at", label=gettext_lazy("Last updated")),
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # The CV is its owner's: no add, edit or delete page exists here.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )


# İlanlar: vacancies and their candidates -----------------------------------------------------------------------


class VacancyFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Vacancy.Status.choices)
    disability_quota = django_filters.BooleanFilter(label=gettext_lazy("Reserved for the disability quota"))

    class Meta:
        model = Vacancy
        fields = ["status", "disability_quota"]


class CandidatesColumn(Column):
    cell_template_name = "employment/admin/candidates_cell.html"

    def get_value(self, instance):
        return reverse("employment_vacancies:candidates", args=[instance.pk])


class VacancyIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("firm", "occupation")

    def get_edit_url(self, instance):
        return reverse("employment_vacancies:candidates", args=[instance.pk])

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None


class VacancyViewSet(CentreViewSet):
    model = Vacancy
    icon = "doc-full"
    menu_label = gettext_lazy("Vacancies")
    index_view_class = VacancyIndexView
    filterset_class = VacancyFilterSet
    search_fields = ["title", "firm__name"]
    list_per_page = 50
    list_display = [
        "title",
        "firm",
        "occupation",
        "status",
        DateColumn("closing_date", label=gettext_lazy("Closing date")),
        CandidatesColumn("candidates", label=gettext_lazy("Candidates")),
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("candidates/<int:pk>/", staff_only(candidates), name="candidates"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )


def candidates(request, pk):
    """The vacancy's candidates ranked with their reasons; "Yönlendir" asks the chosen ones to agree."""
    vacancy = get_object_or_404(Vacancy.objects.select_related("firm", "occupation", "neighbourhood"), pk=pk)
    ranked = matching.rank(vacancy)
    sharing = referrals.sharing_cv_ids([candidate.cv for candidate in ranked])
    if request.method == "POST":
        chosen = set(admin_scope.clean_ids(CV, request.POST.getlist("cv")))
        picked = [candidate for candidate in ranked if candidate.cv.pk in chosen]
        if not picked:
            messages.error(request, _("Choose at least one candidate to refer."))
        else:
            made, refused = referrals.refer(
                vacancy,
                [candidate.cv for candidate in picked],
                request.user,
                reasons={candidate.cv.pk: candidate.reasons for candidate in picked},
            )
            if made:
                messages.success(
                    request,
                    _("%(count)d candidate(s) asked to agree to the referral: %(names)s.")
                    % {"count": len(made), "names": ", ".join(r.cv.full_name for r in made)},
                )
            for cv, why in refused:
                messages.error(request, _("%(name)s was not referred: %(why)s.") % {"name": cv.full_name, "why": why})
        return redirect("employment_vacancies:candidates", vacancy.pk)
    rows = [
        {
            "rank": index,
            "candidate": candidate,
            "sharing": candidate.cv.pk in sharing,
            "occupations": ", ".join(f"{o.code} {o.name}" for o in candidate.cv.occupations.all()),
        }
        for index, candidate in enumerate(ranked, start=1)
    ]
    return TemplateResponse(
        request,
        "employment/admin/candidates.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "may_refer": any(row["sharing"] and row["candidate"].may_refer for row in rows),
            "page_title": _("Candidates: %(vacancy)s") % {"vacancy": vacancy.title},
            "header_icon": "user",
            "limit": matching.LIMIT,
        },
    )


# Yönlendirmeler: applications to screen and referrals ---------------------------------------------------------


class ReferralFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Referral.Status.choices)
    origin = django_filters.ChoiceFilter(label=gettext_lazy("Origin"), choices=Referral.Origin.choices)

    class Meta:
        model = Referral
        fields = ["status", "origin"]


class ReferralIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cv", "vacancy__firm")

    def get_edit_url(self, instance):
        return reverse("employment_referrals:screen", args=[instance.pk])

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None


class VacancyColumn(Column):
    def get_value(self, instance):
        return f"{instance.vacancy.title} – {instance.vacancy.firm.name}"


class ReferralViewSet(CentreViewSet):
    model = Referral
    icon = "resubmit"
    menu_label = gettext_lazy("Referrals")
    index_view_class = ReferralIndexView
    filterset_class = ReferralFilterSet
    search_fields = ["cv__full_name", "vacancy__title", "vacancy__firm__name"]
    list_per_page = 50
    list_display = [
        "cv",
        VacancyColumn("vacancy", label=gettext_lazy("Vacancy")),
        "status",
        "origin",
        DateColumn("created_at", label=gettext_lazy("Created")),
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("screen/<int:pk>/", staff_only(screen), name="screen"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withdrawing"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kept with the referral; the candidate and the employer do not see it."),
    )


def screen(request, pk):
    """One application or referral: refer an application in one step, or withdraw it with a reason."""
    referral = get_object_or_404(Referral.objects.select_related("cv", "vacancy__firm", "referred_by"), pk=pk)
    form = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                referrals.approve(referral, request.user)
                messages.success(request, _("%(name)s was referred to the employer.") % {"name": referral.cv})
                return redirect("employment_referrals:screen", referral.pk)
            if request.POST.get("action") == "withdraw" and form.is_valid():
                referrals.withdraw(referral, form.cleaned_data["reason"], request.user)
                messages.success(request, _("The referral of %(name)s was withdrawn.") % {"name": referral.cv})
                return redirect("employment_referrals:screen", referral.pk)
        except referrals.Refused as refusal:
            messages.error(request, refusal.messages[0])
            return redirect("employment_referrals:screen", referral.pk)
    closed = referral.status in (Referral.Status.WITHDRAWN, Referral.Status.DECLINED)
    placement = Placement.objects.filter(referral=referral).first()
    return TemplateResponse(
        request,
        "employment/admin/referral_screen.html",
        {
            "referral": referral,
            "form": None if closed else form,
            "may_approve": referral.status == Referral.Status.APPLIED,
            "expired": referral.status == Referral.Status.ASKED and referrals.is_expired(referral),
            "expires_at": referrals.expires_at(referral),
            "placement": placement,
            "placement_url": (
                reverse("employment_placements:add") + f"?referral={referral.pk}"
                if referral.status == Referral.Status.AGREED and placement is None
                else ""
            ),
            "page_title": _("Referral: %(name)s") % {"name": referral.cv},
            "header_icon": "resubmit",
        },
    )


# İstihdamlar: placements and follow-ups -------------------------------------------------------------------------


class PlacementFilterSet(WagtailFilterSet):
    follow_up = django_filters.ChoiceFilter(
        label=gettext_lazy("Follow-up"),
        choices=[("due", gettext_lazy("Awaiting a 30- or 90-day answer"))],
        method="by_follow_up",
    )
    source = django_filters.ChoiceFilter(label=gettext_lazy("Recorded from"), choices=Placement.Source.choices)

    class Meta:
        model = Placement
        fields = ["follow_up", "source"]

    def by_follow_up(self, queryset, name, value):
        return queryset.filter(pk__in=follow_ups.awaiting_answer().values("pk"))


YES_NO_UNKNOWN = [("", gettext_lazy("Not asked yet")), ("true", gettext_lazy("Yes")), ("false", gettext_lazy("No"))]


def _answer(value):
    if value is None:
        return "—"
    return _("Yes") if value else _("No")


class FollowUpColumn(Column):
    def __init__(self, days, **kwargs):
        self.days = days
        super().__init__(f"employed_at_{days}", **kwargs)

    def get_value(self, instance):
        answer = getattr(instance, f"employed_at_{self.days}")
        if answer is not None:
            return _answer(answer)
        if instance.cv.anonymised_at is None and instance.started_on + datetime.timedelta(days=self.days) <= (
            timezone.localdate()
        ):
            return _("Due")
        return "—"


class PlacementForm(WagtailAdminModelForm):
    """A placement after a phone call: the person (from their CV or referral), the firm, the start date."""

    cv = forms.ModelChoiceField(queryset=CV.objects.none(), widget=forms.HiddenInput)
    referral = forms.ModelChoiceField(queryset=Referral.objects.none(), required=False, widget=forms.HiddenInput)

    class Meta:
        model = Placement
        fields = ["cv", "referral", "firm", "started_on"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].queryset = CV.objects.filter(anonymised_at__isnull=True)
        self.fields["referral"].queryset = Referral.objects.filter(status=Referral.Status.AGREED)
        self.fields["firm"].queryset = Firm.objects.registered()
        self.fields["started_on"].label = _("Started on")

    def clean(self):
        data = super().clean()
        referral = data.get("referral")
        if referral is not None:
            data["cv"], data["firm"] = referral.cv, referral.vacancy.firm
            self.instance.cv, self.instance.firm = referral.cv, referral.vacancy.firm
            self.errors.pop("firm", None)
            if Placement.objects.filter(referral=referral).exists():
                raise forms.ValidationError(_("A placement is already recorded for this referral."))
        if data.get("started_on") and data["started_on"] > timezone.localdate() + datetime.timedelta(days=60):
            self.add_error("started_on", _("A start date more than two months ahead cannot be recorded yet."))
        return data


class FollowUpForm(WagtailAdminModelForm):
    """The answers of the 30- and 90-day calls ("still employed?")."""

    employed_at_30 = forms.TypedChoiceField(
        label=gettext_lazy("Still employed after 30 days?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    employed_at_90 = forms.TypedChoiceField(
        label=gettext_lazy("Still employed after 90 days?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Placement
        fields = ["started_on", "employed_at_30", "employed_at_90"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for days in (30, 90):
            value = getattr(self.instance, f"employed_at_{days}")
            self.initial[f"employed_at_{days}"] = "" if value is None else ("true" if value else "false")


class PlacementCreateView(generic.CreateView):
    template_name = "employment/admin/placement_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.for_referral = self.for_cv = None
        referral_id = admin_scope.clean_ids(Referral, [request.GET.get("referral") or request.POST.get("referral")])
        cv_id = admin_scope.clean_ids(CV, [request.GET.get("cv") or request.POST.get("cv")])
        if referral_id and referral_id[0]:
            self.for_referral = Referral.objects.select_related("cv", "vacancy__firm").filter(pk=referral_id[0]).first()
            self.for_cv = self.for_referral.cv if self.for_referral else None
        elif cv_id and cv_id[0]:
            self.for_cv = CV.objects.filter(pk=cv_id[0], anonymised_at__isnull=True).first()
        if request.user.is_authenticated and access.is_centre_staff(request.user) and self.for_cv is None:
            messages.info(request, _("Open the person's CV (Candidates) and choose “Record a placement” there."))
            return redirect("employment_cvs:index")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = {"cv": self.for_cv, "started_on": timezone.localdate()}
        if self.for_referral:
            initial.update(referral=self.for_referral, firm=self.for_referral.vacancy.firm)
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return follow_ups.record(data["cv"], data["firm"], data["started_on"], self.request.user, data.get("referral"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "for_cv": self.for_cv, "for_referral": self.for_referral}

    def get_success_message(self, instance=None):
        return _("Placement of %(name)s recorded; the follow-ups after 30 and 90 days are booked.") % {
            "name": self.for_cv
        }


class PlacementEditView(generic.EditView):
    def get_page_subtitle(self):
        return str(self.object)

    def get_success_message(self):
        return _("Follow-up of %(name)s recorded.") % {"name": self.object.cv}


class PlacementIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cv", "firm")

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None


class PlacementViewSet(CentreViewSet):
    model = Placement
    icon = "success"
    menu_label = gettext_lazy("Placements")
    index_view_class = PlacementIndexView
    add_view_class = PlacementCreateView
    edit_view_class = PlacementEditView
    filterset_class = PlacementFilterSet
    search_fields = ["cv__full_name", "firm__name"]
    list_per_page = 50
    list_display = [
        "cv",
        "firm",
        DateColumn("started_on", label=gettext_lazy("Started on")),
        "source",
        FollowUpColumn(30, label=gettext_lazy("30 days")),
        FollowUpColumn(90, label=gettext_lazy("90 days")),
    ]

    def get_form_class(self, for_update=False):
        return FollowUpForm if for_update else PlacementForm

    def get_urlpatterns(self):
        # A placement is corrected, never deleted here: it counts in the yearly figures.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "delete"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"delete_url_name": None, **kwargs})


def viewsets(menu_hook):
    return [
        CVViewSet("employment_cvs", url_prefix="employment/cvs", menu_hook=menu_hook, menu_order=ORDER_CVS),
        VacancyViewSet(
            "employment_vacancies", url_prefix="employment/vacancies", menu_hook=menu_hook, menu_order=ORDER_VACANCIES
        ),
        ReferralViewSet(
            "employment_referrals", url_prefix="employment/referrals", menu_hook=menu_hook, menu_order=ORDER_REFERRALS
        ),
        PlacementViewSet(
            "employment_placements",
            url_prefix="employment/placements",
            menu_hook=menu_hook,
            menu_order=ORDER_PLACEMENTS,
        ),
    ]
