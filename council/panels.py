"""The secretariat's dashboard panel: every body with its filled and vacant seats, and the council's screens."""

from django.urls import reverse
from wagtail.admin.menu import Menu
from wagtail.admin.ui.components import Component

from council import admin_menu, bodies
from council.access import is_secretariat
from council.models import Body


class BodiesPanel(Component):
    order = 5
    name = "council_bodies"
    template_name = "council/admin/panels/bodies.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        rows = bodies.in_turkish_order(bodies.with_seat_counts(Body.objects.all()))
        screens = [
            (item.label, item.url)
            for item in Menu(register_hook_name=admin_menu.MENU_HOOK).menu_items_for_request(self.request)
        ]
        return {
            "rows": [
                (
                    body,
                    body.filled_count,
                    body.seat_count - body.filled_count,
                    reverse("council_bodies:edit", args=[body.pk]),
                )
                for body in rows
            ],
            "screens": screens,
            "add_url": reverse("council_bodies:add"),
        }


def secretariat_dashboard(request, panels):
    """The council's bodies at a glance for its secretariat (and administrators); other slices add their own."""
    if is_secretariat(request.user):
        panels.append(BodiesPanel(request))
