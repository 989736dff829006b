"""The members admin: each coordinator sees and decides only their own assembly's memberships."""

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.views import snippets as snippet_views

from accounts.models import Gender
from assemblies import membership as workflow
from assemblies.models import AGE_GROUPS, AssemblyPage, CoordinatorGroup, Membership
from places.models import Neighbourhood

# Contact details of children are shown only to their own assembly's coordinators.
MINOR_PRIVATE_FIELDS = ["email", "phone", "guardian_name", "guardian_relationship", "guardian_phone"]
HIDDEN = gettext_lazy("(visible to this assembly's coordinators only)")


def visible_memberships(user):
    return Membership.objects.visible_to(user).select_related("assembly", "neighbourhood")


def coordinated_assembly_ids(user):
    """The assemblies whose coordinator groups `user` belongs to."""
    return set(CoordinatorGroup.objects.filter(group__in=user.groups.all()).values_list("assembly_id", flat=True))


def may_see_private(user, membership, coordinated=None):
    if not membership.is_minor:
        return True
    coordinated = coordinated_assembly_ids(user) if coordinated is None else coordinated
    return membership.assembly_id in coordinated


def visible_assemblies(user):
    if user.has_perm("assemblies.view_all_memberships"):
        return AssemblyPage.objects.filter(coordinator_group__isnull=False).order_by("path")
    return AssemblyPage.objects.filter(coordinator_group__group__in=user.groups.all()).order_by("path")


def age_group_of(membership):
    age = membership.age
    if age is None:
        return ""
    for _key, label, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return str(label)
    return ""


class MembershipFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"), choices=Membership.State.choices)
    assembly = django_filters.ModelChoiceFilter(label=gettext_lazy("Assembly"), queryset=AssemblyPage.objects.none())
    neighbourhood = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Neighbourhood"), queryset=Neighbourhood.objects.in_turkish_order()
    )
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
            assemblies = visible_assemblies(request.user)
            self.filters["assembly"].queryset = assemblies
            self.form.fields["assembly"].queryset = assemblies

    def filter_age_group(self, queryset, name, value):
        return queryset.in_age_group(value)


class StateColumn(Column):
    cell_template_name = "assemblies/admin/state_cell.html"


class MembershipIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return visible_memberships(self.request.user)

    @cached_property
    def coordinated(self):
        return coordinated_assembly_ids(self.request.user)

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
        return buttons


class ScopedObjectMixin:
    """Fetch the membership only from what the user may see: a direct URL to another assembly's member is a 404."""

    def get_object(self, queryset=None):
        membership = get_object_or_404(visible_memberships(self.request.user), pk=unquote(str(self.kwargs["pk"])))
        if getattr(self, "needs_private_access", False) and not may_see_private(self.request.user, membership):
            raise PermissionDenied
        return membership


class MembershipInspectView(ScopedObjectMixin, snippet_views.InspectView):
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


class MembershipEditView(ScopedObjectMixin, snippet_views.EditView):
    needs_private_access = True


class MembershipDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class MembershipHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class MembershipUsageView(ScopedObjectMixin, snippet_views.UsageView):
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
