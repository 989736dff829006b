"""Dashboards of the register: the call centre's deadlines by directorate, a directorate's own open cases."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from complaints.models import Case, Directorate


def cases_url(**filters):
    return reverse("cases:list") + "?" + urlencode(filters)


def deadline_counts(cases, today):
    """Open, due soon and overdue among `cases`, grouped by directorate, in one query: {directorate_id: {...}}."""
    horizon = today + datetime.timedelta(days=settings.COMPLAINTS_DUE_SOON_DAYS)
    rows = (
        cases.open()
        .order_by()
        .values("directorate")
        .annotate(
            open=Count("pk"),
            soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=horizon)),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
        )
    )
    return {row["directorate"]: row for row in rows}


class Row:
    """One line of figures, each with the listing behind it."""

    def __init__(self, label, counts, directorate_filter):
        self.label = label
        self.open = counts.get("open", 0)
        self.soon = counts.get("soon", 0)
        self.overdue = counts.get("overdue", 0)
        self.open_url = cases_url(progress="open", directorate=directorate_filter)
        self.soon_url = cases_url(deadline="soon", directorate=directorate_filter)
        self.overdue_url = cases_url(deadline="overdue", directorate=directorate_filter)


class CallCentrePanel(Component):
    """Every open case by directorate: how many, how many due within days, how many overdue."""

    name = "call_centre"
    order = 10
    template_name = "complaints/admin/panels/call_centre.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        counts = deadline_counts(Case.objects.all(), today)
        rows = []
        if None in counts:
            rows.append(Row(_("Not routed"), counts[None], "null"))
        for directorate in Directorate.objects.filter(Q(active=True) | Q(pk__in=[pk for pk in counts if pk])):
            rows.append(Row(directorate.name, counts.get(directorate.pk, {}), directorate.pk))
        total = {key: sum(row[key] for row in counts.values()) for key in ("open", "soon", "overdue")}
        return {
            "rows": rows,
            "total": total,
            "total_urls": {
                "open": cases_url(progress="open"),
                "soon": cases_url(deadline="soon"),
                "overdue": cases_url(deadline="overdue"),
            },
            "due_soon_days": settings.COMPLAINTS_DUE_SOON_DAYS,
            "add_url": reverse("cases:add"),
            "waiting_url": cases_url(status=Case.Status.RECEIVED),
            "statistics_url": reverse("cases:statistics"),
        }


class DirectoratePanel(Component):
    """One directorate's open cases, the soonest due first, with its figures."""

    order = 10
    template_name = "complaints/admin/panels/directorate.html"
    shown = 10

    def __init__(self, directorate):
        self.directorate = directorate
        self.name = f"directorate_{directorate.pk}"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        own = Case.objects.filter(directorate=self.directorate)
        row = Row(self.directorate.name, deadline_counts(own, today).get(self.directorate.pk, {}), self.directorate.pk)
        cases = list(own.open().for_listing().order_by("due_on", "received_at")[: self.shown])
        for case in cases:
            case.overdue = case.due_on < today
        return {
            "directorate": self.directorate,
            "panel_id": f"directorate-{self.directorate.pk}",
            "row": row,
            "cases": cases,
        }
