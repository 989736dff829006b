"""The council's bodies with their seats, and the organisations that hold seats, in the admin.

The secretariat keeps every body; an assembly's coordinators keep their assembly's board and working groups
(council.scopes), and may not create the general assembly or the executive board (council.bodies).
"""

from django import forms
from django.db.models import Case, Count, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from assemblies.coordinators import coordinated_assemblies
from assemblies.models import AssemblyPage
from council import admin_menu, bodies
from council.access import is_secretariat
from council.models import Body, Organisation
from places import turkish
from theme import admin_scope


class TurkishSearchMixin:
    """Search that finds "İstanbul" for "istanbul" and "Işık" for "ışık": Turkish casing, not the database's."""

    turkish_search_fields = ("name",)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        needle = turkish.lower(self.search_query.strip())
        found = [
            row[0]
            for row in queryset.values_list("pk", *self.turkish_search_fields)
            if any(needle in turkish.lower(value or "") for value in row[1:])
        ]
        return queryset.filter(pk__in=found)


def _in_order(queryset, ordered_pks):
    return queryset.order_by(
        Case(*[When(pk=pk, then=index) for index, pk in enumerate(ordered_pks)], output_field=IntegerField())
    )


class OrganisationIndexView(TurkishSearchMixin, snippet_views.IndexView):
    default_ordering = "sort_key"

    def get_base_queryset(self):
        day = timezone.localdate()
        current = (Q(seats__starts_on__lte=day) | Q(seats__starts_on__isnull=True)) & (
            Q(seats__ends_on__gte=day) | Q(seats__ends_on__isnull=True)
        )
        return (
            super()
            .get_base_queryset()
            .select_related("neighbourhood")
            .annotate(current_seats=Count("seats", filter=current))
        )


class OrganisationInspectView(snippet_views.InspectView):
    """The organisation and whom it names on each body it sits on: representative and substitute, by term."""

    def get_context_data(self, **kwargs):
        from council.models import Seat

        context = super().get_context_data(**kwargs)
        seats = (
            admin_scope.visible(self.request.user, Seat)
            .filter(organisation=self.object)
            .select_related("body")
            .only("pk", "role", "holder_name", "substitute_name", "starts_on", "ends_on", "body__name")
        )
        day = timezone.localdate()
        context["seats"] = sorted(
            seats,
            key=lambda seat: (
                bool(seat.ends_on and seat.ends_on < day),
                turkish.sort_key(seat.body.name),
                -(seat.ends_on or day).toordinal(),
            ),
        )
        context["today"] = day
        return context


def kind_of(organisation):
    return organisation.get_kind_display()


class OrganisationViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = gettext_lazy("Organisations")
    menu_name = "council_organisations"
    menu_order = admin_menu.ORDER_ORGANISATIONS
    menu_hook = admin_menu.MENU_HOOK
    base_url_path = "council/organisations"
    admin_url_namespace = "council_organisations"
    copy_view_enabled = False
    list_per_page = 50
    index_view_class = OrganisationIndexView
    inspect_view_enabled = True
    inspect_view_class = OrganisationInspectView
    inspect_view_fields = ["name", "kind", "neighbourhood"]
    inspect_template_name = "council/admin/organisation_inspect.html"
    list_display = [
        Column("name", label=gettext_lazy("Name"), sort_key="sort_key"),
        Column("kind", label=gettext_lazy("Kind"), accessor=kind_of, sort_key="kind"),
        "neighbourhood",
        Column("current_seats", label=gettext_lazy("Current seats"), sort_key="current_seats"),
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    edit_handler = ObjectList([FieldPanel("name"), FieldPanel("kind"), FieldPanel("neighbourhood")])

    def register_chooser_viewset(self):
        """Seats choose their organisation from a list; no chooser modal to keep in scope."""


class BodyForm(WagtailAdminModelForm):
    """A body and its seats; the kinds and assemblies offered are those the user may keep."""

    assembly = forms.ModelChoiceField(
        label=gettext_lazy("Assembly"),
        queryset=AssemblyPage.objects.none(),
        required=False,
        help_text=gettext_lazy("For an assembly's board or working group: its coordinators record this body's work."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("The body's address on the site; made from its name when left empty.")
        if "kind" in self.fields:
            allowed = {str(kind) for kind in bodies.kinds_for(user)}
            self.fields["kind"].choices = [
                (value, label) for value, label in self.fields["kind"].choices if value in allowed or value == ""
            ]
        if "assembly" in self.fields:
            if is_secretariat(user):
                assemblies = AssemblyPage.objects.filter(locale=Locale.get_default()).order_by("path")
            else:
                assemblies = coordinated_assemblies(user)
                self.fields["assembly"].required = True
                self.fields["assembly"].empty_label = None
            self.fields["assembly"].queryset = assemblies

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            slug = turkish.slugify(cleaned["name"])[:200] or "kurul"
            taken = Body.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists()
            cleaned["slug"] = slug if not taken else f"{slug[:190]}-{Body.objects.count() + 1}"
            self.instance.slug = cleaned["slug"]
        if "kind" in cleaned:
            for field, message in bodies.kind_and_assembly_errors(
                cleaned.get("kind"), cleaned.get("assembly"), self.for_user
            ).items():
                if field in self.fields:
                    self.add_error(field, message)
        return cleaned


def kind_of_body(body):
    return body.get_kind_display()


def seats_of(body):
    if not body.seat_count:
        return _("No seats")
    return _("%(filled)d of %(seats)d filled") % {"filled": body.filled_count, "seats": body.seat_count}


class BodyIndexView(TurkishSearchMixin, snippet_views.IndexView):
    turkish_search_fields = ("name", "topic")

    def get_base_queryset(self):
        return bodies.with_seat_counts(super().get_base_queryset().select_related("assembly"))

    def order_queryset(self, queryset):
        if self.is_explicitly_ordered:
            return super().order_queryset(queryset)
        # Few bodies: ordered by kind, their set order and Turkish alphabetical order of the name.
        rows = queryset.model.objects.filter(pk__in=queryset.values("pk")).only("pk", "kind", "sort_order", "name")
        return _in_order(queryset, [body.pk for body in bodies.in_turkish_order(rows)])


SEAT_PANELS = [
    FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
    FieldRowPanel([FieldPanel("holder_name"), FieldPanel("holder_email"), FieldPanel("holder_phone")]),
    FieldRowPanel([FieldPanel("substitute_name"), FieldPanel("substitute_email"), FieldPanel("substitute_phone")]),
    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
]


class BodyViewSet(admin_scope.ScopedViewSetMixin, SnippetViewSet):
    model = Body
    icon = "group"
    menu_label = gettext_lazy("Bodies and seats")
    menu_name = "council_bodies"
    menu_order = admin_menu.ORDER_BODIES
    menu_hook = admin_menu.MENU_HOOK
    base_url_path = "council/bodies"
    admin_url_namespace = "council_bodies"
    copy_view_enabled = False
    list_per_page = 50
    index_view_class = BodyIndexView
    list_display = [
        "name",
        Column("kind", label=gettext_lazy("Kind"), accessor=kind_of_body, sort_key="kind"),
        "assembly",
        Column("seats", label=gettext_lazy("Current seats"), accessor=seats_of),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "topic"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("assembly")]),
                    FieldPanel("topic"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("slug"), FieldPanel("sort_order"), FieldPanel("is_public")]),
                ],
                heading=gettext_lazy("Body"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("notice_days"),
                    FieldRowPanel([FieldPanel("quorum_rule"), FieldPanel("reconvened_quorum_rule")]),
                ],
                heading=gettext_lazy("Meetings"),
            ),
            InlinePanel(
                "seats",
                heading=gettext_lazy("Seats"),
                label=gettext_lazy("Seat"),
                panels=SEAT_PANELS,
                help_text=gettext_lazy(
                    "An organisation names its representative (the holder) and substitute. Leave the holder empty "
                    "for a vacant seat; give the term's dates so that the site shows past terms."
                ),
            ),
        ],
        base_form_class=BodyForm,
    )

    def register_chooser_viewset(self):
        """Meetings and opinions choose their body from a list limited to the user's bodies; no chooser modal."""


def register():
    from wagtail.snippets.models import register_snippet

    register_snippet(BodyViewSet)
    register_snippet(OrganisationViewSet)
