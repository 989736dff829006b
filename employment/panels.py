"""The centre's staff land on their work: applications to screen, referrals awaiting the candidate's answer and
placements due a "still employed?" call, with the centre's screens one click away."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import Menu
from wagtail.admin.ui.components import Component

from employment import access, placements, referrals
from employment.models import Referral

SHOWN = 5


class CentrePanel(Component):
    order = 5
    name = "employment_centre"
    template_name = "employment/admin/panels/centre.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from employment.wagtail_hooks import MENU_HOOK

        now = timezone.now()
        applied = Referral.objects.filter(status=Referral.Status.APPLIED).select_related("cv", "vacancy__firm")
        asked = Referral.objects.filter(
            status=Referral.Status.ASKED, asked_at__gt=now - datetime.timedelta(days=referrals.LINK_DAYS)
        ).select_related("cv", "vacancy__firm")
        due = placements.awaiting_answer().select_related("cv", "firm").order_by("started_on")
        index = reverse("employment_referrals:index")
        return {
            "sections": [
                {
                    "title": "applied",
                    "count": applied.count(),
                    "rows": [
                        (
                            r.cv.full_name,
                            r.vacancy.title,
                            r.vacancy.firm.name,
                            r.created_at,
                            reverse("employment_referrals:screen", args=[r.pk]),
                        )
                        for r in applied.order_by("created_at")[:SHOWN]
                    ],
                    "all_url": f"{index}?status=applied",
                },
                {
                    "title": "asked",
                    "count": asked.count(),
                    "rows": [
                        (
                            r.cv.full_name,
                            r.vacancy.title,
                            r.vacancy.firm.name,
                            r.asked_at,
                            reverse("employment_referrals:screen", args=[r.pk]),
                        )
                        for r in asked.order_by("asked_at")[:SHOWN]
                    ],
                    "all_url": f"{index}?status=asked",
                },
                {
                    "title": "follow_ups",
                    "count": due.count(),
                    "rows": [
                        (
                            p.cv.full_name,
                            "",
                            p.firm.name,
                            p.started_on,
                            reverse("employment_placements:edit", args=[p.pk]),
                        )
                        for p in due[:SHOWN]
                    ],
                    "all_url": reverse("employment_placements:index") + "?follow_up=due",
                },
            ],
            "screens": [
                (item.label, item.url)
                for item in Menu(register_hook_name=MENU_HOOK).menu_items_for_request(self.request)
            ],
        }


def centre_dashboard(request, panels):
    """The centre's staff see their work first; Wagtail's page panels speak of pages they do not keep."""
    user = request.user
    if not access.is_centre_staff(user):
        return
    if not user.is_superuser:
        panels[:] = [panel for panel in panels if not type(panel).__module__.startswith("wagtail.")]
    panels.append(CentrePanel(request))


def centre_summary(request, items):
    """No page, image or document counts for the centre's staff (administrators keep them)."""
    user = request.user
    if access.is_centre_staff(user) and not user.is_superuser:
        items[:] = [item for item in items if not type(item).__module__.startswith("wagtail.")]
