"""The team's own dashboard in the admin: distributions in progress, and a courier's routes of the day."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from distribution.models import Distribution, Route


class DistributionsPanel(Component):
    """Every distribution not yet finished, with its routes and how far the couriers got."""

    name = "distributions_in_progress"
    order = 50
    template_name = "distribution/admin/panels/distributions.html"

    def get_context_data(self, parent_context=None):
        distributions = (
            Distribution.objects.in_progress().with_progress().select_related("publication").order_by("date", "pk")
        )
        return {"distributions": distributions, "heading": _("Distributions in progress")}


class MyRoutesPanel(Component):
    """The signed-in person's routes still to walk, each one tap from its phone page."""

    name = "my_routes"
    order = 40
    template_name = "distribution/admin/panels/my_routes.html"

    def __init__(self, routes):
        self.routes = routes

    def get_context_data(self, parent_context=None):
        return {"routes": self.routes, "today": timezone.localdate(), "heading": _("My routes")}


def routes_to_walk(user):
    return list(
        Route.objects.still_to_walk(user, timezone.localdate())
        .with_progress()
        .select_related("distribution__publication", "neighbourhood")
    )
