"""The coordinators' pages in the admin: plan a distribution, build and hand out routes, print, record, follow up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from distribution import planning, printing
from distribution.forms import CourierForm
from distribution.groups import is_member
from distribution.models import Distribution, Route, Stop


def _distribution(request, pk, permission="view"):
    if not (is_member(request.user) and request.user.has_perm(f"distribution.{permission}_distribution")):
        raise PermissionDenied
    return get_object_or_404(Distribution.objects.select_related("publication"), pk=pk)


def _routes(distribution):
    return (
        distribution.routes.select_related("neighbourhood", "courier", "follows")
        .annotate(
            stop_count=Count("stops"),
            copies=Sum("stops__quantity"),
            delivered=Count("stops", filter=Q(stops__outcome=Stop.Outcome.DELIVERED)),
            open_stops=Count("stops", filter=Q(stops__outcome__in=planning.AGAIN)),
            # A follow-up is for doors where nobody answered: offered only once someone found one.
            nobody=Count("stops", filter=Q(stops__outcome=Stop.Outcome.NOBODY)),
        )
        .order_by("number")
    )


def plan(request, pk):
    """Totals per mahalle before anything is committed, then the routes, their couriers and the printing."""
    distribution = _distribution(request, pk)
    lines = planning.allocation(distribution)
    totals = planning.totals_by_neighbourhood(lines)
    routes = list(_routes(distribution))
    form = CourierForm(routes=routes, couriers=planning.couriers())
    return TemplateResponse(
        request,
        "distribution/admin/plan.html",
        {
            "page_title": str(distribution),
            "distribution": distribution,
            "totals": totals,
            "chart_rows": [(place.name, copies) for place, _count, copies in totals],
            "recipient_total": len(lines),
            "copy_total": sum(copies for _recipient, copies in lines),
            "routes": routes,
            "form": form,
            "layouts": printing.LAYOUTS,
        },
    )


@require_POST
def build(request, pk):
    distribution = _distribution(request, pk, "change")
    routes = planning.build_routes(distribution)
    messages.success(request, _("%(count)s routes are ready.") % {"count": routes.count()})
    return redirect("distribution_plan", pk=pk)


@require_POST
def assign(request, pk):
    distribution = _distribution(request, pk, "change")
    routes = list(distribution.routes.all())
    couriers = planning.couriers()
    form = CourierForm(request.POST, routes=routes, couriers=couriers)
    if form.is_valid():
        changed = [(route, courier) for route, courier in form.assignments() if route.courier_id != courier]
        for route, courier in changed:
            Route.objects.filter(pk=route.pk).update(courier_id=courier)
        if changed:
            messages.success(
                request,
                ngettext(
                    "The courier of %(count)s route is saved.",
                    "The couriers of %(count)s routes are saved.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
        else:
            messages.info(request, _("No courier was changed."))
    else:
        messages.error(request, _("Choose a member of the team for each route."))
    return redirect(reverse("distribution_plan", args=[pk]) + "#routes")


def _sheet(request, route):
    stops = route.stops.all()  # prefetched in route order by `sheets`
    return printing.RouteSheet(
        title=str(route),
        # A sheet printed before its route was given to anyone says so, instead of a bare "Kurye:".
        courier=(route.courier.get_full_name() or route.courier.email) if route.courier else _("Not assigned"),
        date=route.distribution.date,
        publication=str(route.distribution.publication),
        neighbourhood=route.neighbourhood.name,
        qr_url=request.build_absolute_uri(reverse("distribution:route", args=[route.token])),
        stops=[
            printing.SheetStop(
                order=stop.position,
                recipient=stop.recipient.name,
                address=stop.recipient.street_line,
                quantity=stop.quantity,
                barcode=stop.code,
            )
            for stop in stops
        ],
    )


def sheets(request, pk):
    """Every route's sheet in one PDF (or one route's, with ?route=)."""
    distribution = _distribution(request, pk)
    routes = distribution.routes.select_related(
        "neighbourhood", "courier", "distribution__publication"
    ).prefetch_related(Prefetch("stops", queryset=Stop.objects.select_related("recipient").order_by("position")))
    if request.GET.get("route", "").isdigit():
        routes = routes.filter(pk=request.GET["route"])
    if not routes.exists():
        messages.error(request, _("Build the routes first: there is nothing to print yet."))
        return redirect("distribution_plan", pk=pk)
    pdf = printing.route_sheets([_sheet(request, route) for route in routes.order_by("number")])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rota-listeleri-{distribution.pk}.pdf"'
    return response


def _labelled_stops(distribution):
    return (
        Stop.objects.filter(route__distribution=distribution, visit=1)
        .select_related("recipient__neighbourhood")
        .order_by("route__number", "position")
    )


def labels(request, pk):
    """Address labels for every stop, in route order: as a PDF for a label sheet, or as a page to print."""
    distribution = _distribution(request, pk)
    stops = _labelled_stops(distribution)
    layout = request.GET.get("layout", "3x8")
    if not stops.exists():
        messages.error(request, _("Build the routes first: there is nothing to print yet."))
        return redirect("distribution_plan", pk=pk)
    if layout == "browser":
        return TemplateResponse(
            request,
            "distribution/admin/labels_print.html",
            {"page_title": _("Labels"), "distribution": distribution, "stops": stops},
        )
    if layout not in printing.LAYOUTS:
        layout = "3x8"
    pdf = printing.labels([printing.Label(stop.recipient.label_lines()) for stop in stops], layout=layout)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="etiketler-{distribution.pk}-{layout}.pdf"'
    return response


def record(request, pk):
    """A coordinator types in a signed paper sheet: one outcome per stop, saved at once."""
    route = get_object_or_404(Route.objects.select_related("distribution__publication", "neighbourhood"), pk=pk)
    _distribution(request, route.distribution_id, "change")
    stops = list(route.stops.select_related("recipient").order_by("position"))
    if request.method == "POST":
        changed = 0
        for stop in stops:
            outcome = request.POST.get(f"outcome_{stop.pk}", stop.outcome)
            received_by = request.POST.get(f"received_by_{stop.pk}", "").strip()
            note = request.POST.get(f"note_{stop.pk}", "").strip()
            if outcome not in Stop.Outcome.values:
                continue
            if (outcome, received_by, note) != (stop.outcome, stop.received_by, stop.note):
                planning.record(stop, outcome, request.user, note=note, received_by=received_by)
                changed += 1
        messages.success(request, _("%(count)s stops recorded.") % {"count": changed})
        return redirect("distribution_plan", pk=route.distribution_id)
    return TemplateResponse(
        request,
        "distribution/admin/record.html",
        {"page_title": str(route), "route": route, "stops": stops, "outcomes": Stop.Outcome.choices},
    )


@require_POST
def follow_up(request, pk):
    route = get_object_or_404(Route, pk=pk)
    _distribution(request, route.distribution_id, "change")
    new = planning.follow_up(route)
    if new is None:
        messages.info(request, _("Every stop of this route was delivered or closed."))
    else:
        messages.success(request, _("%(route)s takes the stops again.") % {"route": new})
    return redirect("distribution_plan", pk=route.distribution_id)


def reports(request):
    """Copies delivered per publication, neighbourhood and courier in a period, with charts, or as Excel."""
    from config.reports import PeriodForm, report_xlsx
    from distribution import reports as figures

    if not (is_member(request.user) and request.user.has_perm("distribution.view_distribution")):
        raise PermissionDenied
    form = PeriodForm(request.GET or {"year": timezone.localdate().year})
    report = None
    if form.is_valid():
        report = figures.report(form.cleaned_data["start"], form.cleaned_data["end"])
        if request.GET.get("format") == "xlsx":
            return report_xlsx(report, name="cozum-postasi")
    return TemplateResponse(
        request,
        "distribution/admin/reports.html",
        {"form": form, "report": report, "page_title": _("Deliveries"), "query": request.GET.urlencode()},
    )


def reorder(request, pk):
    """A coordinator moves stops by giving them new numbers; the route then keeps that order when rebuilt."""
    route = get_object_or_404(Route.objects.select_related("distribution__publication", "neighbourhood"), pk=pk)
    _distribution(request, route.distribution_id, "change")
    stops = list(route.stops.select_related("recipient").order_by("position"))
    error = ""
    if request.method == "POST":
        wanted = []
        for stop in stops:
            value = request.POST.get(f"position_{stop.pk}", "")
            if not value.isdigit():
                error = _("Give every stop a number.")
                break
            wanted.append((int(value), stop.position, stop.pk))
        if not error:
            planning.reorder(route, [pk for _number, _old, pk in sorted(wanted)])
            messages.success(request, _("The new order is saved and locked."))
            return redirect("distribution_plan", pk=route.distribution_id)
    return TemplateResponse(
        request,
        "distribution/admin/reorder.html",
        {"page_title": str(route), "route": route, "stops": stops, "error": error},
    )
