from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, TitleColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from complaints import admin_views, cases
from complaints.models import ApiKey, Case, Delivery, Directorate, Notification, Topic
from theme import admin_scope


def yes_no(name, model):
    """A tick or a cross, headed by the field's own name (a bare BooleanColumn is headed "Active" in English)."""
    return BooleanColumn(name, label=capfirst(model._meta.get_field(name).verbose_name), sort_key=name)


CONTACT_PANELS = MultiFieldPanel(
    [
        FieldPanel("anonymous"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("reply_by"),
    ],
    heading=_("Citizen"),
)


class CaseViewSet(admin_scope.CreateHandlerMixin, admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Case
    icon = "mail"
    menu_label = _("Cases")
    base_url_path = "cases"
    admin_url_namespace = "cases"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    index_view_class = admin_views.CaseIndexView
    add_view_class = admin_views.CaseCreateView
    edit_view_class = admin_views.CaseEditView
    inspect_view_class = admin_views.CaseInspectView
    inspect_template_name = "complaints/admin/case.html"
    filterset_class = admin_views.CaseFilterSet
    list_display = [
        TitleColumn(
            "display_number",
            label=_("Tracking number"),
            accessor="display_number",
            get_url=lambda case: reverse("cases:inspect", args=[case.pk]),
        ),
        "received_at",
        "kind",
        "topic",
        "neighbourhood",
        "directorate",
        "status",
        admin_views.DueColumn("due_on", label=_("Due on"), sort_key="due_on"),
    ]
    search_fields = ["description"]  # the index view's own search: number, phone or words
    list_export = [
        "tracking_number",
        "received_at",
        "kind",
        "channel",
        "topic",
        "neighbourhood",
        "address",
        "description",
        "directorate",
        "status",
        "due_on",
        "answered_at",
        "public_answer",
    ]
    export_filename = "basvurular"
    create_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("channel"), FieldPanel("kind"), FieldPanel("received_at")]),
            # Plain lists, not choosers: on the phone with a caller, a topic is picked by typing its first letters.
            FieldRowPanel([FieldPanel("topic", widget=forms.Select), FieldPanel("directorate", widget=forms.Select)]),
            FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("address")]),
            FieldPanel("description"),
            CONTACT_PANELS,
            FieldPanel("informed"),
        ],
        base_form_class=admin_views.CaseEntryForm,
    )
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("channel"), FieldPanel("kind")]),
            FieldPanel("topic", widget=forms.Select),
            FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("address")]),
            FieldPanel("description"),
            CONTACT_PANELS,
            FieldPanel("due_on"),
        ],
        base_form_class=admin_views.CaseEntryForm,
    )

    def register_chooser_viewset(self):
        """Nothing chooses a case; a chooser would list every directorate's cases."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("route/<int:pk>/", admin_views.route, name="route"),
            path("status/<int:pk>/", admin_views.change_status, name="status"),
            path("merge/<int:pk>/", admin_views.merge, name="merge"),
            path("answer/<int:pk>/", admin_views.answer, name="answer"),
            path("note/<int:pk>/", admin_views.add_note, name="note"),
            path("photo/<int:pk>/", admin_views.attachment, name="attachment"),
            path("notification/<int:pk>/retry/", admin_views.retry_notification, name="retry_notification"),
            path("statistics/", admin_views.statistics, name="statistics"),
            path("handoff/<int:pk>/retry/", admin_views.retry_delivery, name="retry_delivery"),
        ]


class TopicViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "default_directorate", yes_no("public", Topic), yes_no("active", Topic)]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Topic.objects.select_related("default_directorate")

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("default_directorate"),
        FieldPanel("public"),
        FieldPanel("active"),
    ]


class DirectorateViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Directorate
    icon = "group"
    menu_label = _("Directorates")
    list_display = ["name", "email", "group", yes_no("active", Directorate)]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Directorate.objects.select_related("group")

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("email"), FieldPanel("group"), FieldPanel("active")]


class NotificationViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    """The outbox, to watch: what is waiting, retried or given up. Messages are written by the register only."""

    model = Notification
    icon = "warning"
    menu_label = _("Notifications")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["case", "medium", "recipient", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "medium"]

    def get_queryset(self, request):
        return Notification.objects.select_related("case")

    def register_chooser_viewset(self):
        pass


class DeliveryViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    """Hand-offs to the municipality's system: what waits, retries or needs a person."""

    model = Delivery
    icon = "redirect"
    menu_label = _("Hand-offs")
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["case", "status", "attempts", "next_attempt_at", "remote_reference", "last_error"]
    list_filter = ["status"]

    def get_queryset(self, request):
        return Delivery.objects.select_related("case")

    def register_chooser_viewset(self):
        pass


class ApiKeyViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    """Keys of the partner systems that post service requests through Open311 (administrators only)."""

    model = ApiKey
    icon = "key"
    menu_label = _("API keys")
    copy_view_enabled = False
    add_view_class = admin_views.ApiKeyCreateView
    list_display = ["name", "prefix", yes_no("active", ApiKey), "created_at", "last_used_at"]
    panels = [FieldPanel("name"), FieldPanel("active")]

    def register_chooser_viewset(self):
        pass


def _of_visible_cases(model):
    def scope(user):
        if not user.has_perm(f"complaints.view_{model._meta.model_name}"):
            return model.objects.none()
        return model.objects.filter(case__in=Case.objects.visible_to(user))

    return scope


# The outbox and the hand-offs carry the citizen's address and the case's text: only of cases the user sees.
admin_scope.register(Notification, _of_visible_cases(Notification))
admin_scope.register(Delivery, _of_visible_cases(Delivery))


class RegisterGroup(SnippetViewSetGroup):
    menu_label = _("Çözüm Merkezi")
    menu_icon = "mail"
    menu_order = 220
    items = (CaseViewSet, NotificationViewSet, DeliveryViewSet, TopicViewSet, DirectorateViewSet, ApiKeyViewSet)


register_snippet(RegisterGroup)


@hooks.register("register_log_actions")
def keep_cases_out_of_the_site_history(actions):
    """A case's history is its own (CaseEvent, shown on the case to those who may see it); Wagtail's
    site-wide log would show every case's number to every directorate."""
    for model in (Case, Notification, Delivery):
        actions.log_entry_models_by_type.register(model, value=None)


@hooks.register("before_delete_snippet")
def cases_are_never_deleted(request, instances):
    """The register is a record: a case is closed, rejected or marked duplicate, never deleted."""
    if any(isinstance(instance, Case | Notification | Delivery) for instance in instances):
        raise PermissionDenied


@hooks.register("register_bulk_action")
class RouteBulkAction(SnippetBulkAction):
    """Send newly received cases to one directorate at once (call centre only).

    Only the cases ticked in the listing count ("select all" is not offered for this), and
    only those still waiting to be routed: routing in bulk never moves a case a directorate
    is already working on.
    """

    models = [Case]
    display_name = _("Route")
    action_type = "route_cases"
    aria_label = _("Route the selected cases to a directorate")
    template_name = "complaints/admin/bulk_route.html"
    form_class = admin_views.RouteForm
    action_priority = 10

    def get_actionable_objects(self):
        if not admin_views.may_route(self.request.user):
            return [], {"items_with_no_access": [], "left_out": 0}
        ids = [value for value in self.request.GET.getlist("id") if value.isdigit()]
        waiting = list(
            admin_views.visible_cases(self.request.user)
            .filter(pk__in=ids, status=Case.Status.RECEIVED)
            .select_related("topic")
        )
        return waiting, {"items_with_no_access": [], "left_out": len(set(ids)) - len(waiting)}

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user, "form": self.cleaned_form}

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        directorate = form.cleaned_data["directorate"]
        for case in objects:
            cases.route(case, directorate, actor=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d case routed.", "%(count)d cases routed.", num_parent_objects) % {
            "count": num_parent_objects
        }


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    from wagtail.admin.menu import MenuItem

    class StatisticsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.is_superuser or request.user.has_perm("complaints.view_all_cases")

    return StatisticsMenuItem(_("Case statistics"), reverse("cases:statistics"), icon_name="table", order=221)


def own_directorates(user):
    """The directorates whose cases `user` works (in their groups, with the right to see cases), by name; read once
    and kept on the user object, which lives for one request (the dashboard's panels and its summary both ask).
    Nobody else's dashboard asks the database: a coordinator or a courier holds no right to see cases."""
    if not user.has_perm("complaints.view_case"):
        return []
    found = getattr(user, "_complaints_own_directorates", None)
    if found is None:
        found = list(Directorate.objects.filter(group__in=user.groups.all()).order_by("name"))
        user._complaints_own_directorates = found
    return found


@hooks.register("construct_homepage_panels")
def register_dashboard(request, panels):
    """The call centre sees every directorate's deadlines; a directorate's staff their own open cases.
    Wagtail's page panels speak of pages neither keeps; administrators keep them beside the register."""
    from complaints import panels as register_panels

    user = request.user
    if user.is_superuser or user.has_perm("complaints.view_all_cases"):
        if not user.is_superuser:
            panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
        panels.append(register_panels.CallCentrePanel())
        return
    directorates = own_directorates(user)
    if directorates:
        panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
        panels.extend(register_panels.DirectoratePanel(directorate) for directorate in directorates)


@hooks.register("construct_homepage_summary_items", order=100)
def register_summary(request, items):
    """No page, image or document counts for the register's staff: they keep none of them."""
    user = request.user
    if user.is_superuser:
        return
    if user.has_perm("complaints.view_all_cases") or own_directorates(user):
        items[:] = [item for item in items if not type(item).__module__.startswith("wagtail.")]
