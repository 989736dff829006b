from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assemblies import admin_views, roster
from assemblies import membership as workflow
from assemblies.models import AssemblyPage, Membership
from assemblies.panels import GuardianConsentPanel
from theme import admin_scope


class MembershipViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Assembly members")
    menu_name = "members"
    menu_order = 210
    add_to_admin_menu = True
    base_url_path = "members"
    admin_url_namespace = "members"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    index_view_class = admin_views.MembershipIndexView
    inspect_view_class = admin_views.MembershipInspectView
    edit_view_class = admin_views.MembershipEditView
    filterset_class = admin_views.MembershipFilterSet
    list_display = [
        "full_name",
        "assembly",
        admin_views.StateColumn("state", label=_("State"), sort_key="state"),
        admin_views.Column("age_group", label=_("Age group"), accessor=admin_views.age_group_of),
        "neighbourhood",
        "applied_at",
    ]
    search_fields = ["full_name", "email", "phone"]
    # The roster's columns, which the import reads back (assemblies.roster).
    list_export = [accessor for accessor, _heading in roster.COLUMNS]
    export_headings = roster.HEADING
    export_filename = "meclis-uyeleri"
    inspect_view_fields = [
        "full_name",
        "assembly",
        "state",
        "state_reason",
        "email",
        "phone",
        "birth_date",
        "gender",
        "neighbourhood",
        "connection",
        "workplace_or_school",
        "guardian_name",
        "guardian_relationship",
        "guardian_phone",
        "guardian_email",
        "guardian_consent_at",
        "guardian_consent_via",
        "guardian_consent_note",
        "guardian_consent_recorded_by",
        "disability_declared",
        "disability_note",
        "accessibility_needs",
        "accessibility_other",
        "note",
        "applied_at",
        "decided_at",
        "source",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("assembly"),
            MultiFieldPanel(
                [
                    FieldPanel("full_name"),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldRowPanel([FieldPanel("birth_date"), FieldPanel("gender")]),
                    FieldPanel("neighbourhood"),
                    FieldRowPanel([FieldPanel("connection"), FieldPanel("workplace_or_school")]),
                    FieldPanel("commissions", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Person"),
            ),
            MultiFieldPanel(
                [
                    GuardianConsentPanel(),
                    FieldPanel("guardian_name"),
                    FieldRowPanel([FieldPanel("guardian_relationship"), FieldPanel("guardian_phone")]),
                    FieldPanel("guardian_email"),
                ],
                heading=_("Parent or guardian (under 18)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("disability_declared"),
                    FieldPanel("disability_note"),
                    FieldPanel("accessibility_needs"),
                    FieldPanel("accessibility_other"),
                    FieldPanel("note"),
                ],
                heading=_("Needs and notes"),
            ),
        ],
        base_form_class=admin_views.MembershipAdminForm,
    )
    inspect_template_name = "assemblies/admin/inspect.html"

    def register_chooser_viewset(self):
        """Nothing chooses a membership; a chooser would list every assembly's members."""

    def get_urlpatterns(self):
        return (
            super().get_urlpatterns()
            + [
                path(f"{action}/<int:pk>/", admin_views.decide, {"action": action}, name=action)
                for action, _label, _icon in admin_views.DECISIONS
            ]
            + [
                path("pending/", admin_views.pending, name="pending"),
                path("guardian-consent/<int:pk>/", admin_views.guardian_consent, name="guardian_consent"),
                path("erase/<int:pk>/", admin_views.erase, name="erase"),
                path("erasures/", admin_views.erasures, name="erasures"),
                path("figures/", admin_views.figures, name="figures"),
                path("import/", admin_views.roster_upload, name="import"),
                path("import/template.xlsx", admin_views.roster_template, name="import_template"),
                path("import/<int:pk>/", admin_views.roster_status, name="import_status"),
                path("import/<int:pk>/progress/", admin_views.roster_progress, name="import_progress"),
                path("import/<int:pk>/confirm/", admin_views.roster_confirm, name="import_confirm"),
                path("import/<int:pk>/report.csv", admin_views.roster_report, name="import_report"),
            ]
        )


register_snippet(MembershipViewSet)


class MembershipBulkAction(SnippetBulkAction):
    """Approve or reject several applications at once; only the user's own assembly's count."""

    models = [Membership]
    workflow_action = None
    template_name = "assemblies/admin/bulk_decision.html"

    @classmethod
    def get_queryset(cls, model, object_ids):
        return Membership.objects.filter(pk__in=object_ids).select_related("assembly")

    def get_all_objects_in_listing_query(self, parent_id):
        return admin_views.visible_memberships(self.request.user).values_list("pk", flat=True)

    def check_perm(self, membership):
        allowed_from, _to, _email = workflow.TRANSITIONS[self.workflow_action]
        return (
            self.request.user.has_perm("assemblies.change_membership")
            and admin_views.visible_memberships(self.request.user).filter(pk=membership.pk).exists()
            and membership.state in allowed_from
            # A child's application waits for the parent or guardian (workflow.approve refuses it).
            and not (
                self.workflow_action == "approve"
                and membership.state == Membership.State.APPLIED
                and membership.awaits_guardian
            )
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user, "form": self.cleaned_form}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["needs_reason"] = self.workflow_action in workflow.NEEDS_REASON
        context["action_label"] = self.display_name
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d membership updated.", "%(count)d memberships updated.", num_parent_objects) % {
            "count": num_parent_objects
        }


@hooks.register("register_bulk_action")
class ApproveBulkAction(MembershipBulkAction):
    display_name = _("Approve")
    action_type = "approve_membership"
    aria_label = _("Approve the selected applications")
    workflow_action = "approve"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for membership in objects:
            workflow.approve(membership, user)
        return len(objects), 0


@hooks.register("register_bulk_action")
class RejectBulkAction(MembershipBulkAction):
    display_name = _("Reject")
    action_type = "reject_membership"
    aria_label = _("Reject the selected applications")
    workflow_action = "reject"
    action_priority = 20
    form_class = admin_views.DecisionForm

    def form_valid(self, form):
        if not form.cleaned_data.get("reason", "").strip():
            form.add_error("reason", _("Please give a reason; it is sent to the applicant."))
            return self.form_invalid(form)
        return super().form_valid(form)

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        for membership in objects:
            workflow.reject(membership, user, form.cleaned_data["reason"])
        return len(objects), 0


class PendingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("assemblies.change_membership")


@hooks.register("register_admin_menu_item")
def pending_menu_item():
    return PendingMenuItem(_("Pending applications"), reverse("members:pending"), icon_name="tasks", order=209)


@hooks.register("before_delete_page")
def keep_assemblies_with_members(request, page):
    """Deleting an assembly would take its roster with it: refuse while it has memberships."""
    specific = page.specific
    if isinstance(specific, AssemblyPage) and Membership.objects.filter(assembly_id=specific.canonical.pk).exists():
        messages.error(
            request,
            _("%(assembly)s has members and cannot be deleted. Unpublish it instead.") % {"assembly": page.title},
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)


@hooks.register("construct_homepage_panels")
def coordinator_dashboard(request, panels):
    """A coordinator starts the day with their assembly, not Wagtail's page panels; administrators see every
    assembly's waiting applications beside them."""
    from assemblies import panels as assembly_panels
    from assemblies.coordinators import coordinated_assembly_list

    user = request.user
    if user.is_superuser or user.has_perm("assemblies.view_all_memberships"):
        panels.append(assembly_panels.ApplicationsOverviewPanel(list(admin_views.visible_assemblies(user))))
        return
    assemblies = coordinated_assembly_list(user)
    if not assemblies:
        return
    panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
    panels.extend(assembly_panels.AssemblyPanel(assembly, user) for assembly in assemblies)


@hooks.register("construct_homepage_summary_items", order=100)
def coordinator_summary(request, items):
    """The site-wide page, image and document counts say nothing about one assembly's work."""
    from assemblies.coordinators import coordinated_assembly_list

    user = request.user
    if not user.is_superuser and coordinated_assembly_list(user):
        items[:] = [item for item in items if not type(item).__module__.startswith("wagtail.")]


@hooks.register("register_page_header_buttons")
def add_to_assembly_buttons(page, user, view_name, next_url=None):
    """On an assembly's page in the admin: add its news, an event or a survey straight away."""
    from assemblies import panels as assembly_panels

    if page.specific_class is not AssemblyPage:
        return []
    return [
        Button(label, url=url, icon_name="plus", priority=20 + index)
        for index, (label, url) in enumerate(assembly_panels.add_buttons(page, user))
    ]
