from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from distribution import admin_views, import_views
from distribution.forms import DistributionForm
from distribution.groups import is_member
from distribution.models import Distribution, Publication, Recipient, RecipientList


def _post_team_only(view_class):
    """`view_class` answering 403 to anyone but the post team and administrators.

    Wagtail's choosers ask for nothing but access to the admin, so any other role (an
    assembly's coordinator, a courier) could read the recipient book through them. The
    403 is answered here: a PermissionDenied raised would become Wagtail's redirect to
    the dashboard for a request that is not the chooser's own XHR.
    """

    class PostTeamOnly(view_class):
        def dispatch(self, request, *args, **kwargs):
            if not is_member(request.user):
                return permission_denied(request, PermissionDenied())
            return super().dispatch(request, *args, **kwargs)

    PostTeamOnly.__name__ = PostTeamOnly.__qualname__ = view_class.__name__
    return PostTeamOnly


class PostTeamChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = _post_team_only(chooser.ChooseView)
    choose_results_view_class = _post_team_only(chooser.ChooseResultsView)
    chosen_view_class = _post_team_only(chooser.SnippetChosenView)
    chosen_multiple_view_class = _post_team_only(chooser.SnippetChosenMultipleView)
    create_view_class = _post_team_only(chooser.SnippetCreateView)


class PostTeamViewSet(SnippetViewSet):
    """A snippet of the post team's, whose chooser is the team's too."""

    chooser_viewset_class = PostTeamChooserViewSet


class RecipientViewSet(PostTeamViewSet):
    model = Recipient
    icon = "user"
    index_view_class = import_views.RecipientIndexView
    menu_label = _("Recipients")
    list_display = ["name", "kind", "neighbourhood", Column("street_line", label=_("Address")), "active"]
    list_filter = ["kind", "neighbourhood", "lists", "active"]
    search_fields = ["name", "contact_person", "street"]
    list_per_page = 50
    list_export = [
        "name",
        "kind",
        "contact_person",
        "phone",
        "email",
        "neighbourhood",
        "street",
        "building_no",
        "door_no",
        "site_block",
        "postcode",
        "uavt_code",
        "latitude",
        "longitude",
        "active",
    ]
    export_filename = "alicilar"
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("active")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("contact_person"), FieldPanel("phone"), FieldPanel("email")]),
        MultiFieldPanel(
            [
                FieldPanel("neighbourhood"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("building_no"), FieldPanel("door_no"), FieldPanel("site_block")]),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("uavt_code")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("lists"),
    ]

    def get_queryset(self, request):
        return Recipient.objects.select_related("neighbourhood")


class RecipientListViewSet(PostTeamViewSet):
    model = RecipientList
    icon = "list-ul"
    menu_label = _("Recipient lists")
    list_display = ["name", "description"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("description")]


class PublicationViewSet(PostTeamViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Publications")
    list_display = ["title", "issue", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "issue"]
    panels = [FieldPanel("kind"), FieldPanel("title"), FieldRowPanel([FieldPanel("issue"), FieldPanel("date")])]


class PlanColumn(Column):
    def get_value(self, instance):
        return _("Plan, print and record")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("distribution_plan", args=[instance.pk])
        return context

    cell_template_name = "distribution/admin/link_cell.html"


class DistributionViewSet(PostTeamViewSet):
    model = Distribution
    icon = "pick"
    menu_label = _("Distributions")
    list_display = ["publication", "date", "status", PlanColumn("plan", label=_("Routes"))]
    list_filter = ["status"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("publication"), FieldPanel("date")]),
            MultiFieldPanel(
                [FieldPanel("lists"), FieldPanel("kinds"), FieldPanel("neighbourhoods")],
                heading=_("Who receives it"),
                help_text=_("Recipients on any ticked list, of any ticked type, in any ticked neighbourhood."),
            ),
            MultiFieldPanel(
                [FieldPanel("default_quantity")] + [FieldPanel(f"copies_{kind}") for kind in Recipient.Kind.values],
                heading=_("Copies per recipient type (empty: as above)"),
            ),
            InlinePanel("overrides", heading=_("Copies for single recipients"), label=_("Recipient")),
            FieldRowPanel([FieldPanel("max_stops"), FieldPanel("max_copies")], heading=_("Limits of one route")),
        ],
        base_form_class=DistributionForm,
    )

    def get_queryset(self, request):
        return Distribution.objects.select_related("publication")


class TeamGroup(SnippetViewSetGroup):
    menu_label = _("Çözüm Postası")
    menu_icon = "pick"
    menu_order = 230
    items = (DistributionViewSet, RecipientViewSet, RecipientListViewSet, PublicationViewSet)


register_snippet(TeamGroup)


@hooks.register("register_admin_urls")
def distribution_urls():
    return [
        path("distribution/<int:pk>/plan/", admin_views.plan, name="distribution_plan"),
        path("distribution/<int:pk>/build/", admin_views.build, name="distribution_build"),
        path("distribution/<int:pk>/couriers/", admin_views.assign, name="distribution_assign"),
        path("distribution/<int:pk>/sheets.pdf", admin_views.sheets, name="distribution_sheets"),
        path("distribution/<int:pk>/labels/", admin_views.labels, name="distribution_labels"),
        path("distribution/route/<int:pk>/record/", admin_views.record, name="distribution_record"),
        path("distribution/route/<int:pk>/follow-up/", admin_views.follow_up, name="distribution_follow_up"),
        path("distribution/import/", import_views.upload, name="distribution_import"),
        path("distribution/import/template.xlsx", import_views.template, name="distribution_import_template"),
        path("distribution/import/export.xlsx", import_views.export, name="distribution_export"),
        path("distribution/import/<int:pk>/", import_views.status, name="distribution_import_status"),
        path("distribution/import/<int:pk>/confirm/", import_views.confirm, name="distribution_import_confirm"),
        path("distribution/import/<int:pk>/report.csv", import_views.report, name="distribution_import_report"),
    ]


@hooks.register("register_admin_urls")
def report_urls():
    return [path("distribution/reports/", admin_views.reports, name="distribution_reports")]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    from wagtail.admin.menu import MenuItem

    class ReportsMenuItem(MenuItem):
        def is_shown(self, request):
            return is_member(request.user) and request.user.has_perm("distribution.view_distribution")

    return ReportsMenuItem(_("Deliveries"), reverse("distribution_reports"), icon_name="table", order=231)


@hooks.register("register_admin_urls")
def reorder_urls():
    return [path("distribution/route/<int:pk>/order/", admin_views.reorder, name="distribution_reorder")]


@hooks.register("login_redirect_url")
def couriers_start_with_their_routes(request):
    """A courier's day starts with today's routes on the phone page, not with the admin (see accounts.adapter)."""
    from distribution.groups import is_courier

    if is_courier(request.user):
        return reverse("distribution:my_routes")
    return None


@hooks.register("construct_homepage_panels")
def team_dashboard(request, panels):
    """The team's own work instead of Wagtail's page panels; a courier's routes for whoever has some.

    Only for the team's members: administrators and the other roles keep their own dashboards.
    """
    from distribution import panels as team_panels
    from distribution.groups import in_team, is_courier

    user = request.user
    if not in_team(user) or user.is_superuser:
        return
    courier = is_courier(user)
    routes = team_panels.routes_to_walk(user)
    # Wagtail's stock panels (pages to moderate, recent edits, locked pages) speak of pages this team never edits.
    panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
    if courier or routes:
        panels.append(team_panels.MyRoutesPanel(routes))
    if not courier and user.has_perm("distribution.view_distribution"):
        panels.append(team_panels.DistributionsPanel())


@hooks.register("construct_homepage_summary_items")
def team_summary(request, items):
    """No page, image or document counts for the team: it keeps none of them."""
    from distribution.groups import in_team

    if in_team(request.user) and not request.user.is_superuser:
        items[:] = [item for item in items if not type(item).__module__.startswith("wagtail.")]
