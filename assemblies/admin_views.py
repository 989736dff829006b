"""The members admin: each coordinator sees and decides only their own assembly's memberships."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.views import snippets as snippet_views

from accounts.models import Gender
from assemblies import membership as workflow
from assemblies.coordinators import coordinated_assembly_list
from assemblies.models import AGE_GROUPS, AssemblyPage, Commission, Membership, age_group_key
from places.choices import neighbourhood_choices
from places.models import Neighbourhood
from theme import admin_scope
from theme.admin_listing import FasterListingMixin
from theme.exports import LocalSpreadsheetExportMixin, safe_row

# Contact details of children are shown only to their own assembly's coordinators.
MINOR_PRIVATE_FIELDS = [
    "email",
    "phone",
    "guardian_name",
    "guardian_relationship",
    "guardian_phone",
    "guardian_email",
    "guardian_consent_note",
]
HIDDEN = gettext_lazy("(visible to this assembly's coordinators only)")


def visible_memberships(user):
    return Membership.objects.visible_to(user).select_related("assembly", "neighbourhood")


def coordinated_assembly_ids(user):
    """The assemblies whose coordinator groups `user` belongs to (from the list kept for the request)."""
    return {assembly.pk for assembly in coordinated_assembly_list(user)}


def attach_assemblies(memberships, user):
    """Each membership's assembly page: a coordinator's from the list kept for them (no query), any other from
    one query for the assemblies these rows name."""
    known = {assembly.pk: assembly for assembly in coordinated_assembly_list(user)}
    missing = {membership.assembly_id for membership in memberships} - known.keys()
    if missing:
        known.update(AssemblyPage.objects.in_bulk(missing))
    for membership in memberships:
        membership.assembly = known[membership.assembly_id]


def may_see_private(user, membership, coordinated=None):
    if not membership.is_minor:
        return True
    coordinated = coordinated_assembly_ids(user) if coordinated is None else coordinated
    return membership.assembly_id in coordinated


def visible_assemblies(user):
    if user.has_perm("assemblies.view_all_memberships"):
        return AssemblyPage.objects.filter(coordinator_group__isnull=False).order_by("path")
    return AssemblyPage.objects.filter(coordinator_group__group__in=user.groups.all()).order_by("path")


def visible_assembly_choices(user):
    """visible_assemblies(user) as (id, title) choices; a coordinator's from the list kept for the request."""
    if user.has_perm("assemblies.view_all_memberships"):
        return list(visible_assemblies(user).values_list("pk", "title"))
    return [(assembly.pk, assembly.title) for assembly in coordinated_assembly_list(user)]


def age_group_of(membership):
    key = age_group_key(membership.age)
    return next((str(label) for group, label, _low, _high in AGE_GROUPS if group == key), "")


# Applications waiting for a decision have their own queue (`pending`); the members list holds the rest.
LISTED_STATES = [(code, label) for code, label in Membership.State.choices if code != Membership.State.APPLIED]


class MembershipFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"), choices=LISTED_STATES)
    # Choices rather than query sets: the user's assemblies are already read for the request, the mahalleler kept
    # in the cache, so the filters ask the database nothing of their own.
    assembly = django_filters.ChoiceFilter(label=gettext_lazy("Assembly"), choices=[])
    neighbourhood = django_filters.ChoiceFilter(label=gettext_lazy("Neighbourhood"), choices=neighbourhood_choices)
    age_group = django_filters.ChoiceFilter(
        label=gettext_lazy("Age group"),
        choices=[(key, label) for key, label, _low, _high in AGE_GROUPS],
        method="filter_age_group",
    )
    gender = django_filters.ChoiceFilter(label=gettext_lazy("Gender"), choices=Gender.choices)

    class Meta:
        model = Membership
        fields = ["state", "assembly", "neighbourhood", "age_group", "gender"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            choices = visible_assembly_choices(request.user)
            self.filters["assembly"].extra["choices"] = choices
            self.form.fields["assembly"].choices = [("", self.form.fields["assembly"].choices[0][1]), *choices]

    def filter_age_group(self, queryset, name, value):
        return queryset.in_age_group(value)


class StateColumn(Column):
    cell_template_name = "assemblies/admin/state_cell.html"


class MembershipIndexView(FasterListingMixin, LocalSpreadsheetExportMixin, snippet_views.IndexView):
    # The base query set below is admin_scope.visible(user, Membership) itself.
    lists_visible_only = True

    def get_base_queryset(self):
        members = Membership.objects.visible_to(self.request.user).select_related("neighbourhood")
        members = members.exclude(state=Membership.State.APPLIED)
        # The assembly pages read once each, not once per row: a page object is costly to build. The listing
        # takes them from the person's coordinated assemblies (get_table); the export reads them here.
        return members.prefetch_related("assembly") if self.is_export else members

    def get_table(self, object_list):
        attach_assemblies(object_list, self.request.user)
        return super().get_table(object_list)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("assemblies.change_membership"):
            buttons.append(HeaderButton(_("Pending applications"), url=reverse("members:pending"), icon_name="tasks"))
        if self.request.user.has_perm("assemblies.add_membership"):
            buttons.append(HeaderButton(_("Import a roster"), url=reverse("members:import"), icon_name="upload"))
        buttons.append(HeaderButton(_("Figures"), url=reverse("members:figures"), icon_name="table"))
        buttons.append(HeaderButton(_("Erased member data"), url=reverse("members:erasures"), icon_name="bin"))
        return buttons

    @cached_property
    def coordinated(self):
        return coordinated_assembly_ids(self.request.user)

    def listing_scope(self):
        # Each row's private details and erase button depend on the assemblies the person coordinates.
        return sorted(self.coordinated)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not may_see_private(self.request.user, item, self.coordinated):
            for name in MINOR_PRIVATE_FIELDS:
                if name in row:
                    row[name] = str(HIDDEN)
        return row

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        for action, label, icon in DECISIONS:
            allowed_from, _to, _email = workflow.TRANSITIONS[action]
            if instance.state in allowed_from:
                buttons.append(
                    Button(
                        label,
                        url=reverse(f"members:{action}", args=[instance.pk]) + f"?next={self.request.get_full_path()}",
                        icon_name=icon,
                        priority=5,
                    )
                )
        if may_see_private(self.request.user, instance, self.coordinated):
            buttons.append(
                Button(
                    _("Erase this member's data"),
                    url=reverse("members:erase", args=[instance.pk]),
                    icon_name="bin",
                    priority=50,
                )
            )
        return buttons


class PrivateDetailsMixin(admin_scope.ScopedObjectMixin):
    """Another assembly's member is a 404 (theme.admin_scope); a child's contact details are edited only by
    their own assembly's coordinators."""

    def get_object(self, *args, **kwargs):
        membership = super().get_object(*args, **kwargs)
        if not may_see_private(self.request.user, membership):
            raise PermissionDenied
        return membership


class MembershipInspectView(snippet_views.InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name in MINOR_PRIVATE_FIELDS and not may_see_private(self.request.user, self.object):
            return HIDDEN
        if field_name == "accessibility_needs":
            return ", ".join(self.object.get_accessibility_needs_display()) or "-"
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor")
        return context


class MembershipEditView(PrivateDetailsMixin, snippet_views.EditView):
    pass


class MembershipAdminForm(WagtailAdminModelForm):
    """Details a coordinator may correct; states change only through decisions."""

    accessibility_needs = forms.MultipleChoiceField(
        label=gettext_lazy("Accessibility needs"),
        choices=Membership.Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "assembly" in self.fields and for_user is not None:
            self.fields["assembly"].queryset = visible_assemblies(for_user)
        if "neighbourhood" in self.fields:
            self.fields["neighbourhood"].queryset = Neighbourhood.objects.in_turkish_order()
        if "commissions" in self.fields:
            # Only the member's own assembly's commissions (bulletins are sent to a commission's members).
            assembly_id = self.instance.assembly_id if self.instance.pk else None
            self.fields["commissions"].queryset = Commission.objects.filter(page_id=assembly_id)

    def clean(self):
        cleaned = super().clean()
        assembly = cleaned.get("assembly")
        commissions = cleaned.get("commissions")
        if assembly is not None and commissions and any(c.page_id != assembly.pk for c in commissions):
            self.add_error("commissions", gettext_lazy("Choose only commissions of the member's assembly."))
        return cleaned


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the person)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


DECISIONS = [
    ("approve", gettext_lazy("Approve"), "check"),
    ("reject", gettext_lazy("Reject"), "cross"),
    ("suspend", gettext_lazy("Suspend"), "warning"),
]
DECISION_TITLES = {
    "approve": gettext_lazy("Approve the membership"),
    "reject": gettext_lazy("Reject the application"),
    "suspend": gettext_lazy("Suspend the membership"),
}


def decide(request, pk, action):
    """Confirm one decision on one membership (with a reason where one is needed), then take it."""
    if not request.user.has_perm("assemblies.change_membership"):
        raise PermissionDenied
    membership = get_object_or_404(visible_memberships(request.user), pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    next_url = request.GET.get("next") or reverse("members:list")
    if not next_url.startswith("/admin/"):
        next_url = reverse("members:list")
    if request.method == "POST" and form.is_valid():
        try:
            if action in workflow.NEEDS_REASON:
                getattr(workflow, action)(membership, request.user, form.cleaned_data["reason"])
            else:
                getattr(workflow, action)(membership, request.user)
        except workflow.MembershipError as error:
            form.add_error("reason" if action in workflow.NEEDS_REASON else None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s: %(state)s.") % {"name": membership.full_name, "state": membership.get_state_display()},
            )
            return redirect(next_url)
    return TemplateResponse(
        request,
        "assemblies/admin/decision.html",
        {
            "membership": membership,
            "form": form,
            "action": action,
            "needs_reason": action in workflow.NEEDS_REASON,
            "page_title": DECISION_TITLES[action],
            "header_title": DECISION_TITLES[action],
            "next_url": next_url,
        },
    )


class PaperConsentForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Where the signed form is kept, or how the consent was given"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def _safe_next(request, default):
    next_url = request.GET.get("next") or ""
    return next_url if next_url.startswith("/admin/") else default


def guardian_consent(request, pk):
    """Record a parent or guardian's consent given on paper, with a note; who and when are kept with it."""
    if not request.user.has_perm("assemblies.change_membership"):
        raise PermissionDenied
    membership = get_object_or_404(visible_memberships(request.user), pk=pk)
    if not may_see_private(request.user, membership):
        raise PermissionDenied
    next_url = _safe_next(request, reverse("members:pending"))
    if request.method == "POST" and request.POST.get("action") == "resend":
        if membership.awaits_guardian and membership.guardian_email and membership.state == Membership.State.APPLIED:
            workflow.ask_guardian(membership)
            messages.success(
                request,
                _("%(name)s: the link has been sent again to %(email)s.")
                % {"name": membership.full_name, "email": membership.guardian_email},
            )
        return redirect(next_url)
    form = PaperConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.record_paper_consent(membership, request.user, form.cleaned_data["note"])
        except workflow.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(name)s: the guardian's consent is recorded.") % {"name": membership.full_name}
            )
            return redirect(next_url)
    title = _("Parent or guardian's consent")
    return TemplateResponse(
        request,
        "assemblies/admin/guardian_consent.html",
        {"membership": membership, "form": form, "next_url": next_url, "page_title": title, "header_title": title},
    )


class EraseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How the person asked for the erasure"),
        help_text=gettext_lazy(
            "For example: by phone on 5 December, or in writing at the meeting. Do not write the name."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def erase(request, pk):
    """Erase one member's data at their request (for people with no e-mail address to ask for it themselves)."""
    from assemblies import personal_data
    from assemblies.models import DataErasure

    if not request.user.has_perm("assemblies.change_membership"):
        raise PermissionDenied
    membership = get_object_or_404(visible_memberships(request.user), pk=pk)
    if not may_see_private(request.user, membership):
        raise PermissionDenied
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase(
            Membership.objects.filter(pk=membership.pk),
            actor=request.user,
            via=DataErasure.Via.COORDINATOR,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The member's data has been erased; the erasure is recorded."))
        return redirect("members:list")
    title = _("Erase this member's data")
    return TemplateResponse(
        request,
        "assemblies/admin/erase.html",
        {"membership": membership, "form": form, "page_title": title, "header_title": title},
    )


def erasures(request):
    """Erased memberships of the assemblies the user sees: when, which assembly, by whom and how."""
    from assemblies.models import DataErasure

    if not request.user.has_perm("assemblies.view_membership"):
        raise PermissionDenied
    records = DataErasure.objects.filter(assembly__in=visible_assemblies(request.user))
    if request.user.has_perm("assemblies.view_all_memberships"):
        records = DataErasure.objects.all()
    title = _("Erased member data")
    return TemplateResponse(
        request,
        "assemblies/admin/erasures.html",
        {
            "records": records.select_related("assembly", "actor")[:500],
            "page_title": title,
            "header_title": title,
        },
    )


MAX_ROSTER_BYTES = 10 * 1024 * 1024


class RosterUploadForm(forms.Form):
    assembly = forms.ModelChoiceField(label=gettext_lazy("Assembly"), queryset=AssemblyPage.objects.none())
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy("Excel (.xlsx) or CSV, with the columns of the template; at most 10 MB."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        assemblies = visible_assemblies(user)
        self.fields["assembly"].queryset = assemblies
        if assemblies.count() == 1:
            self.fields["assembly"].initial = assemblies.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV file."))
        if upload.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it into parts."))
        from assemblies.roster import read_dataset
        from config.spreadsheets import SpreadsheetError

        try:
            read_dataset(upload, upload.name)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        upload.seek(0)
        return upload


def _require_import_permission(request):
    if not request.user.has_perm("assemblies.add_membership"):
        raise PermissionDenied


def _visible_import(request, pk):
    from assemblies.models import RosterImport

    return get_object_or_404(
        RosterImport.objects.select_related("assembly").filter(assembly__in=visible_assemblies(request.user)), pk=pk
    )


def roster_upload(request):
    from assemblies.models import RosterImport
    from assemblies.tasks import check_roster

    _require_import_permission(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        roster_import = RosterImport.objects.create(
            assembly=form.cleaned_data["assembly"], original_name=upload.name[:255], created_by=request.user
        )
        roster_import.file.save(upload.name, upload)
        check_roster.enqueue(roster_import.pk)
        return redirect("members:import_status", roster_import.pk)
    recent = RosterImport.objects.filter(assembly__in=visible_assemblies(request.user)).select_related("assembly")[:10]
    return TemplateResponse(
        request,
        "assemblies/admin/roster_upload.html",
        {"form": form, "recent": recent, "page_title": _("Import a roster"), "header_title": _("Import a roster")},
    )


def roster_status(request, pk):
    _require_import_permission(request)
    roster_import = _visible_import(request, pk)
    return TemplateResponse(
        request,
        "assemblies/admin/roster_status.html",
        {
            "roster_import": roster_import,
            "progress_text": progress_text(roster_import),
            "problems": roster_import.problems[:500],
            "page_title": _("Import a roster"),
            "header_title": _("Import a roster"),
        },
    )


def roster_progress(request, pk):
    """The figures the status page polls while the worker runs."""
    from django.http import JsonResponse

    _require_import_permission(request)
    roster_import = _visible_import(request, pk)
    return JsonResponse(
        {
            "status": roster_import.status,
            "status_display": str(roster_import.get_status_display()),
            "processed": roster_import.processed_rows,
            "total": roster_import.total_rows,
            "percent": roster_import.percent,
            "running": roster_import.running,
            "progress_text": progress_text(roster_import),
        }
    )


def progress_text(roster_import):
    return _("%(done)s of %(total)s rows") % {"done": roster_import.processed_rows, "total": roster_import.total_rows}


def roster_confirm(request, pk):
    from assemblies.models import RosterImport
    from assemblies.tasks import import_roster

    _require_import_permission(request)
    if request.method != "POST":
        return redirect("members:import_status", pk)
    roster_import = _visible_import(request, pk)
    updated = RosterImport.objects.filter(pk=roster_import.pk, status=RosterImport.Status.CHECKED).update(
        status=RosterImport.Status.QUEUED
    )
    if updated:  # a second click finds it already queued and does nothing
        import_roster.enqueue(roster_import.pk)
    return redirect("members:import_status", roster_import.pk)


def roster_report(request, pk):
    """Every problem row of a check, as a CSV people can fix in Excel."""
    import csv

    from django.http import HttpResponse

    _require_import_permission(request)
    roster_import = _visible_import(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktarim-raporu-{roster_import.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Line"), _("Name"), _("Problem"), _("Reason")])
    kinds = {"duplicate": _("Duplicate"), "error": _("Error")}
    for problem in roster_import.problems:
        writer.writerow(safe_row([problem["line"], problem["name"], kinds.get(problem["kind"], ""), problem["reason"]]))
    return response


def roster_template(request):
    """An empty roster with the right columns."""
    from django.http import HttpResponse

    from assemblies.roster import template_dataset

    _require_import_permission(request)
    response = HttpResponse(
        template_dataset().export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="uye-listesi-sablonu.xlsx"'
    return response


def figures(request):
    """Members of each assembly by state, age group, gender and neighbourhood, as tables and charts."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from assemblies.models import birth_date_range
    from places import turkish

    if not request.user.has_perm("assemblies.view_membership"):
        raise PermissionDenied
    assemblies = list(visible_assemblies(request.user))
    chosen = next((a for a in assemblies if str(a.pk) == request.GET.get("assembly")), None) or (
        assemblies[0] if assemblies else None
    )
    context = {
        "assemblies": assemblies,
        "chosen": chosen,
        "page_title": _("Figures"),
        "header_title": _("Figures"),
    }
    if chosen is not None:
        memberships = Membership.objects.filter(assembly=chosen)
        states = dict(memberships.values_list("state").annotate(count=Count("pk")))
        context["by_state"] = [(label, states.get(code, 0)) for code, label in Membership.State.choices]
        members = memberships.approved()
        today = timezone.localdate()
        age_counts = {}
        for key, _label, low, high in AGE_GROUPS:
            earliest, latest = birth_date_range(low, high, today)
            condition = Q(birth_date__isnull=False)
            if earliest:
                condition &= Q(birth_date__gte=earliest)
            if latest:
                condition &= Q(birth_date__lte=latest)
            age_counts[key] = Count("pk", filter=condition)
        age_counts["unknown"] = Count("pk", filter=Q(birth_date__isnull=True))
        ages = members.aggregate(**age_counts)
        context["by_age"] = [(label, ages[key]) for key, label, _low, _high in AGE_GROUPS] + [
            (_("Not known"), ages["unknown"])
        ]
        genders = dict(members.values_list("gender").annotate(count=Count("pk")))
        context["by_gender"] = [(label, genders.get(code, 0)) for code, label in Gender.choices] + [
            (_("Not known"), genders.get("", 0))
        ]
        places = members.values_list("neighbourhood__name").annotate(count=Count("pk"))
        context["by_neighbourhood"] = turkish.sorted_turkish(
            [(name or _("Not known"), count) for name, count in places], key=lambda row: row[0]
        )
        context["member_total"] = members.count()
    return TemplateResponse(request, "assemblies/admin/figures.html", context)


class PendingDecisionForm(forms.Form):
    """The queue's form: the ticked applications, what to do with them and, to reject, why."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    ids = forms.MultipleChoiceField(required=False)
    reason = DecisionForm.base_fields["reason"]

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = {membership.pk: membership for membership in applications}
        self.fields["ids"].valid_value = lambda value: True  # unknown ones are left out below, not an error

    def clean_ids(self):
        """Only applications still in this queue: one decided meanwhile, or another assembly's, is left out."""
        ids = {int(value) for value in self.cleaned_data["ids"] if str(value).isdigit()}
        return [pk for pk in self.applications if pk in ids]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("ids"):
            raise forms.ValidationError(_("Tick at least one application."))
        if cleaned.get("action") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason; it is sent to the applicant."))
        return cleaned


def pending_applications(user, assembly_id=None):
    """Applications waiting for a decision that `user` may take, oldest first."""
    applications = visible_memberships(user).filter(state=Membership.State.APPLIED).order_by("applied_at", "pk")
    if assembly_id:
        applications = applications.filter(assembly_id=assembly_id)
    return applications


def pending(request):
    """Bekleyen başvurular: the queue of applications, oldest first, decided one by one or many at once."""
    if not request.user.has_perm("assemblies.change_membership"):
        raise PermissionDenied
    assemblies = list(visible_assemblies(request.user))
    chosen = next((a for a in assemblies if str(a.pk) == request.GET.get("assembly")), None)
    applications = list(pending_applications(request.user, chosen.pk if chosen else None))
    form = PendingDecisionForm(request.POST or None, applications=applications)
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        decided = 0
        for pk in form.cleaned_data["ids"]:
            try:
                if action == "reject":
                    workflow.reject(form.applications[pk], request.user, reason)
                else:
                    workflow.approve(form.applications[pk], request.user)
            except workflow.MembershipError as error:  # decided meanwhile by another coordinator
                messages.warning(request, f"{form.applications[pk].full_name}: {error}")
            else:
                decided += 1
        message = (
            ngettext("%(count)d application approved.", "%(count)d applications approved.", decided)
            if action == "approve"
            else ngettext("%(count)d application rejected.", "%(count)d applications rejected.", decided)
        )
        messages.success(request, message % {"count": decided})
        return redirect(request.get_full_path())
    coordinated = coordinated_assembly_ids(request.user)
    for membership in applications:
        membership.private_hidden = not may_see_private(request.user, membership, coordinated)
        membership.age_group_label = age_group_of(membership)
        membership.may_record = not membership.private_hidden
    any_minor = any(membership.is_minor for membership in applications)
    return TemplateResponse(
        request,
        "assemblies/admin/pending.html",
        {
            "applications": applications,
            "assemblies": assemblies,
            "chosen": chosen,
            "form": form,
            "queue_url": request.get_full_path(),
            "any_minor": any_minor,
            "page_title": _("Pending applications"),
            "header_title": _("Pending applications"),
        },
    )
