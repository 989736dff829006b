"""A coordinator's dashboard in the admin: their assembly's applications and members, and what to add."""

import time

from django.core.cache import cache
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from assemblies.models import Membership
from theme import chrome

# The pages a coordinator publishes under the assembly (AssemblyPage.subpage_types), each one click away.
ADD_BUTTONS = [
    ("home", "newspage", _("Add news")),
    ("events", "eventpage", _("Add an event")),
    ("surveys", "surveypage", _("Add a survey")),
]


def add_buttons(assembly, user):
    """(label, url) to open Wagtail's add form for each kind of page right under `assembly`."""
    if not assembly.permissions_for_user(user).can_add_subpage():
        return []
    allowed = {
        (model._meta.app_label, model._meta.model_name) for model in assembly.specific_class.creatable_subpage_models()
    }
    return [
        (label, reverse("wagtailadmin_pages:add", args=[app_label, model_name, assembly.pk]))
        for app_label, model_name, label in ADD_BUTTONS
        if (app_label, model_name) in allowed
    ]


def kept_table(name, template, assemblies, records, context):
    """A dashboard panel's table, the same for everybody who coordinates `assemblies`, kept as HTML: worked out
    again (`context()` rendered with `template`) when a page is published, moved or deleted (the frame version),
    when the records it counts change (`records`, a theme.chrome.records_version kind bumped by their app's
    signals), or when the next 5 minutes begin (what has begun or closed leaves the list)."""
    key = "assemblies:panel:{}:{}:{}:{}:{}:{}".format(
        name,
        chrome.version(),
        chrome.records_version(records),
        get_language(),
        ",".join(str(assembly.pk) for assembly in assemblies),
        int(time.time() // chrome.UPCOMING_PERIOD),
    )
    html = cache.get_or_set(key, lambda: render_to_string(template, context()), chrome.UPCOMING_PERIOD)
    return mark_safe(html)  # noqa: S308 - a template's rendering


def add_page_buttons(assemblies, user, label, app_label, model_name):
    """(label, url) to add one kind of page under each of `assemblies` the user may add to, naming the assembly
    when there are several."""
    several = len(assemblies) > 1
    return [
        (
            f"{label} ({assembly.title})" if several else label,
            reverse("wagtailadmin_pages:add", args=[app_label, model_name, assembly.pk]),
        )
        for assembly in assemblies
        if assembly.permissions_for_user(user).can_add_subpage()
    ]


class AssemblyPanel(Component):
    """One assembly: applications waiting (oldest first), its members, and buttons to publish for it."""

    order = 10
    template_name = "assemblies/admin/panels/assembly.html"
    shown_applications = 5

    def __init__(self, assembly, user):
        self.assembly = assembly
        self.user = user
        self.name = f"assembly_{assembly.pk}"

    def get_context_data(self, parent_context=None):
        assembly = self.assembly
        counts = Membership.objects.filter(assembly=assembly).aggregate(
            pending=Count("pk", filter=Q(state=Membership.State.APPLIED)),
            members=Count("pk", filter=Q(state=Membership.State.APPROVED)),
        )
        oldest = (
            Membership.objects.filter(assembly=assembly, state=Membership.State.APPLIED)
            .select_related("neighbourhood")
            .order_by("applied_at", "pk")[: self.shown_applications]
        )
        return {
            "assembly": assembly,
            "panel_id": f"assembly-{assembly.pk}",
            "pending_count": counts["pending"],
            "member_count": counts["members"],
            "oldest": oldest,
            "queue_url": reverse("members:pending") + f"?assembly={assembly.pk}",
            "members_url": reverse("members:list") + f"?assembly={assembly.pk}&state={Membership.State.APPROVED}",
            "page_url": reverse("wagtailadmin_explore", args=[assembly.pk]),
            "add_buttons": add_buttons(assembly, self.user),
        }


class ApplicationsOverviewPanel(Component):
    """For the council's administrators: applications waiting in every assembly."""

    name = "applications_overview"
    order = 20
    template_name = "assemblies/admin/panels/overview.html"

    def __init__(self, assemblies):
        self.assemblies = assemblies

    def get_context_data(self, parent_context=None):
        waiting = dict(
            Membership.objects.filter(state=Membership.State.APPLIED, assembly__in=self.assemblies)
            .values_list("assembly")
            .annotate(count=Count("pk"))
        )
        queue = reverse("members:pending")
        rows = [
            (assembly, waiting.get(assembly.pk, 0), f"{queue}?assembly={assembly.pk}") for assembly in self.assemblies
        ]
        return {"rows": rows, "queue_url": queue, "total": sum(waiting.values())}


class GuardianConsentPanel(Panel):
    """On a member's edit page: whether the parent or guardian confirmed, when and how (read only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "assemblies/admin/panels/guardian_consent.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["membership"] = self.instance
            context["may_record"] = True  # the edit page is open only to those who may see the guardian
            return context
