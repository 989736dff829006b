from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from complaints import admin_views, cases
from complaints.models import Case, Directorate, Notification, Topic

CONTACT_PANELS = MultiFieldPanel(
    [
        FieldPanel("anonymous"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("reply_by"),
    ],
    heading=_("Citizen"),
)


class CaseViewSet(SnippetViewSet):
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
            FieldRowPanel([FieldPanel("topic"), FieldPanel("directorate")]),
            FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("address")]),
            FieldPanel("description"),
            CONTACT_PANELS,
        ],
        base_form_class=admin_views.CaseEntryForm,
    )
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("channel"), FieldPanel("kind")]),
            FieldPanel("topic"),
            FieldRowPanel([FieldPanel("neighbourhood"), FieldPanel("address")]),
            FieldPanel("description"),
            CONTACT_PANELS,
            FieldPanel("due_on"),
        ],
        base_form_class=admin_views.CaseEntryForm,
    )

    def get_form_class(self, for_update=False):
        handler = self.edit_handler if for_update else self.create_handler
        return handler.bind_to_model(self.model).get_form_class()

    def register_chooser_viewset(self):
        """Nothing chooses a case; a chooser would list every directorate's cases."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("route/<int:pk>/", admin_views.route, name="route"),
            path("status/<int:pk>/", admin_views.change_status, name="status"),
            path("answer/<int:pk>/", admin_views.answer, name="answer"),
            path("note/<int:pk>/", admin_views.add_note, name="note"),
            path("photo/<int:pk>/", admin_views.attachment, name="attachment"),
            path("notification/<int:pk>/retry/", admin_views.retry_notification, name="retry_notification"),
        ]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "default_directorate", "public", "active"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("default_directorate"), FieldPanel("public"), FieldPanel("active")]


class DirectorateViewSet(SnippetViewSet):
    model = Directorate
    icon = "group"
    menu_label = _("Directorates")
    list_display = ["name", "email", "group", "active"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("group"), FieldPanel("active")]


class NotificationViewSet(SnippetViewSet):
    model = Notification
    icon = "warning"
    menu_label = _("Notifications")
    add_view_enabled = False
    copy_view_enabled = False
    list_display = ["case", "medium", "recipient", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "medium"]
    inspect_view_enabled = True

    def register_chooser_viewset(self):
        pass


class RegisterGroup(SnippetViewSetGroup):
    menu_label = _("Çözüm Merkezi")
    menu_icon = "mail"
    menu_order = 220
    items = (CaseViewSet, NotificationViewSet, TopicViewSet, DirectorateViewSet)


register_snippet(RegisterGroup)


@hooks.register("register_bulk_action")
class RouteBulkAction(SnippetBulkAction):
    """Send several cases to one directorate at once (call centre only)."""

    models = [Case]
    display_name = _("Route")
    action_type = "route_cases"
    aria_label = _("Route the selected cases to a directorate")
    template_name = "complaints/admin/bulk_route.html"
    form_class = admin_views.RouteForm
    action_priority = 10

    def get_all_objects_in_listing_query(self, parent_id):
        return admin_views.visible_cases(self.request.user).values_list("pk", flat=True)

    def check_perm(self, case):
        return (
            admin_views.may_route(self.request.user)
            and Case.Status.ROUTED in cases.TRANSITIONS[Case.Status(case.status)]
        )

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
