from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, SnippetViewSetGroup

from employment.models import Firm
from fieldwork import access, admin_views
from fieldwork.models import Representation, Visit, VisitPlan
from theme import admin_scope
from theme.panels import FormClassFromViewSetMixin


def _team_only(view_class):
    """`view_class` answering 403 to anyone outside the field team (Wagtail's choosers ask only for the admin)."""

    class TeamOnly(view_class):
        def dispatch(self, request, *args, **kwargs):
            if not access.in_team(request.user):
                return permission_denied(request, PermissionDenied())
            return super().dispatch(request, *args, **kwargs)

    TeamOnly.__name__ = TeamOnly.__qualname__ = view_class.__name__
    return TeamOnly


class TeamChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = _team_only(chooser.ChooseView)
    choose_results_view_class = _team_only(chooser.ChooseResultsView)
    chosen_view_class = _team_only(chooser.SnippetChosenView)
    chosen_multiple_view_class = _team_only(chooser.SnippetChosenMultipleView)
    create_view_class = _team_only(chooser.SnippetCreateView)


class TeamViewSet(FormClassFromViewSetMixin, admin_scope.ScopedViewSetMixin, SnippetViewSet):
    """A record of the field team's: its chooser is the team's too, and nobody else's listing shows it."""

    chooser_viewset_class = TeamChooserViewSet


class StaffForm(WagtailAdminModelForm):
    """The staff to choose from are the field team's people, as a list of boxes, not every account of the portal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[access.OFFICERS, access.SUPERVISORS])
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        self.fields["staff"].queryset = team
        self.fields["staff"].widget = forms.CheckboxSelectMultiple(choices=self.fields["staff"].choices)
        self.fields["staff"].label_from_instance = access.name_of
        self.fields["staff"].widget.choices = self.fields["staff"].choices


class PhoneLinkColumn(Column):
    """A link to the record's phone page, where requests are added and made cases."""

    cell_template_name = "fieldwork/admin/link_cell.html"

    def __init__(self, name, url_name, **kwargs):
        self.url_name = url_name
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return _("Open")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse(self.url_name, args=[instance.pk])
        return context


class VisitPlanForm(StaffForm):
    """A plan's stops offer the firms the centre works with, not the report's archive rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stops = self.formsets.get("stops")
        if stops is not None:
            stops.form.base_fields["firm"].queryset = Firm.objects.registered()  # the empty form a new stop copies
            for form in stops.forms:
                form.fields["firm"].queryset = Firm.objects.registered()


class VisitPlanViewSet(TeamViewSet):
    model = VisitPlan
    icon = "date"
    menu_label = _("Visit plans")
    list_display = ["date", "neighbourhood", Column("stop_count", label=_("Stops"))]
    list_filter = ["date", "neighbourhood"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("neighbourhood")]),
        FieldPanel("streets"),
        FieldPanel("staff"),
        FieldPanel("note"),
        InlinePanel("stops", heading=_("Stops planned"), label=_("Stop")),
    ]
    base_form_class = VisitPlanForm

    def get_queryset(self, request):
        from django.db.models import Count

        return VisitPlan.objects.select_related("neighbourhood").annotate(stop_count=Count("stops"))


class VisitCreateView(CreateView):
    """Visits are recorded on the phone page, which files the first request and fills from the plan."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("fieldwork:new_visit")


class VisitEditView(EditView):
    """Only who recorded the visit, or a supervisor, changes it."""

    def dispatch(self, request, *args, **kwargs):
        visit = self.get_object()
        if not access.may_change(request.user, visit):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class VisitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].widget = forms.CheckboxSelectMultiple(choices=self.fields["topics"].choices)
        self.fields["firm"].queryset = Firm.objects.registered()


class VisitViewSet(TeamViewSet):
    model = Visit
    icon = "group"
    menu_label = _("Visits")
    add_view_class = VisitCreateView
    edit_view_class = VisitEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "visited_at",
        "kind",
        "business_name",
        "neighbourhood",
        "street",
        Column("recorded_by", label=_("Visited by"), accessor=lambda visit: access.name_of(visit.recorded_by)),
        "satisfaction",
        PhoneLinkColumn("phone_page", "fieldwork:visit", label=_("Requests")),
    ]
    list_filter = ["kind", "neighbourhood", "satisfaction", "visited_at"]
    search_fields = ["business_name", "street"]
    list_per_page = 50
    list_export = ["visited_at", "kind", "business_name", "firm", "neighbourhood", "street", "satisfaction"]
    export_filename = "saha-ziyaretleri"
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("visited_at")]),
        MultiFieldPanel(
            [
                FieldPanel("firm", widget=forms.Select),
                FieldPanel("business_name"),
                FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("street")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("person_name"), FieldPanel("person_role")]),
                FieldRowPanel([FieldPanel("contact_consent"), FieldPanel("contact_phone")]),
            ],
            heading=_("Who was met"),
        ),
        FieldPanel("topics"),
        FieldPanel("satisfaction"),
        FieldPanel("notes"),
    ]
    base_form_class = VisitForm

    def get_queryset(self, request):
        return Visit.objects.for_listing()


class RepresentationViewSet(TeamViewSet):
    model = Representation
    icon = "site"
    menu_label = _("Representation at events")
    list_display = [
        "title",
        "place",
        "starts_on",
        "visitors_informed",
        PhoneLinkColumn("phone_page", "fieldwork:representation", label=_("Requests")),
    ]
    list_filter = ["starts_on", "neighbourhood"]
    search_fields = ["title", "place"]
    copy_view_enabled = False
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("neighbourhood")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("staff"),
        FieldPanel("visitors_informed"),
        FieldPanel("notes"),
    ]
    base_form_class = StaffForm

    def get_queryset(self, request):
        return Representation.objects.select_related("neighbourhood")


class FieldworkGroup(SnippetViewSetGroup):
    menu_label = _("Field visits")
    menu_icon = "group"
    menu_order = 240
    items = (VisitViewSet, VisitPlanViewSet, RepresentationViewSet)


register_snippet(FieldworkGroup)


@hooks.register("register_admin_urls")
def report_urls():
    return [path("fieldwork/reports/", admin_views.reports, name="fieldwork_reports")]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    from wagtail.admin.menu import MenuItem

    class ReportsMenuItem(MenuItem):
        def is_shown(self, request):
            return access.in_team(request.user)

    return ReportsMenuItem(_("Field visit reports"), reverse("fieldwork_reports"), icon_name="table", order=241)


@hooks.register("login_redirect_url")
def officers_start_with_todays_plan(request):
    """A field officer's day starts with today's plan on the phone page, not with the admin (see accounts.adapter)."""
    user = request.user
    if access.in_team(user) and not user.is_superuser and not access.is_supervisor(user):
        return reverse("fieldwork:today")
    return None
