"""The courier's pages, made for a phone: today's routes, and one route reached from it or from the sheet's QR code."""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from distribution import planning
from distribution.forms import OutcomeForm
from distribution.groups import is_courier, is_member, may_walk
from distribution.models import Route, Stop


def _team_only(request):
    if not (is_member(request.user) or is_courier(request.user)):
        raise Http404  # nobody outside the team learns that a route exists


@login_required
def my_routes(request):
    """The courier's start of the day: today's routes first, then the next days', then earlier unfinished ones."""
    _team_only(request)
    today = timezone.localdate()
    routes = (
        Route.objects.still_to_walk(request.user, today)
        .with_progress()
        .select_related("distribution__publication", "neighbourhood")
    )
    sections = {"today": [], "later": [], "earlier": []}
    for route in routes:
        date = route.distribution.date
        sections["today" if date == today else "later" if date > today else "earlier"].append(route)
    return render(
        request,
        "distribution/my_routes.html",
        {"today": today, "sections": sections, "has_routes": any(sections.values())},
    )


def map_url(recipient):
    """A link that opens the stop in the phone's map app: its position when known, else its written address."""
    if recipient.point:
        query = "{:.6f},{:.6f}".format(*recipient.point)
    else:
        query = f"{recipient.street_line}, {recipient.neighbourhood.name}, Ümraniye, İstanbul"
    return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": query})


def route_points(stops):
    """The stops on the route's map (components/map.html, numbered, a line between them) in walking order,
    and the stops that cannot be drawn because their recipient has no coordinates (listed under the map)."""
    points, unmapped = [], []
    for stop in stops:
        point = stop.recipient.point
        if point is None:
            unmapped.append(stop)
            continue
        points.append(
            {
                "lat": point[0],
                "lon": point[1],
                "label": stop.recipient.name,
                "number": stop.position,
                "url": f"#stop-{stop.pk}",
                "done": stop.outcome != Stop.Outcome.PENDING,
            }
        )
    return points, unmapped


def tel_url(phone):
    """`tel:` link for a phone number as people type it ("0216 345 12 34"), or "" when there is none."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if len(digits) >= 7 else ""


# A stop's code as printed under its barcode, "R12-S7", also as typed: any case, spaces, another separator.
CODE = re.compile(r"R(\d+)\W*S(\d+)", re.IGNORECASE)


def stop_with_code(route, stops, code):
    """The stop among `stops` (of `route`) whose printed code `code` is, or None."""
    match = CODE.fullmatch("".join(code.split()))
    if match is None or int(match[1]) != route.pk:
        return None
    return next((stop for stop in stops if stop.pk == int(match[2])), None)


@login_required
def route(request, token):
    """Every stop in walking order; the courier marks one stop at a time, each saved at once.

    Stops already recorded fold away (they can be opened to correct them); after
    each save the page comes back at the next stop still to visit.

    The token (in the sheet's QR code) only finds the route; whoever opens it signs
    in first and must be its courier or of the post team. A lost or forwarded sheet
    then shows nobody else the recipients, and another courier cannot record on it.
    """
    found = get_object_or_404(
        Route.objects.select_related("distribution__publication", "neighbourhood", "courier"), token=token
    )
    if not may_walk(request.user, found):
        raise Http404  # the same answer as a wrong token: nobody else learns that the route exists
    stops = list(found.stops.select_related("recipient__neighbourhood").order_by("position"))
    code, code_error, scanned = request.GET.get("kod"), "", None
    if request.method == "GET" and code is not None:
        # The code field (or the camera) of the page: on to the stop with that code, at the stop itself.
        code = code.strip()
        stop = stop_with_code(found, stops, code) if code else None
        if stop is not None:
            return redirect(f"{request.path}?durak={stop.pk}#stop-{stop.pk}")
        if code:
            code_error = _("“%(code)s” is not the code of any stop on this route. Scan or type the code again.") % {
                "code": code
            }
        else:
            code_error = _("First scan or type a stop's code.")
    elif request.GET.get("durak", "").isdigit():
        scanned = int(request.GET["durak"])
    form = None
    if request.method == "POST":
        stop = next((stop for stop in stops if str(stop.pk) == request.POST.get("stop")), None)
        if stop is None:
            raise Http404
        form = OutcomeForm(request.POST, prefix=f"stop{stop.pk}")
        if form.is_valid():
            data = form.cleaned_data
            planning.record(stop, data["outcome"], request.user, note=data["note"], received_by=data["received_by"])
            messages.success(
                request,
                _("%(recipient)s: %(outcome)s.") % {"recipient": stop.recipient, "outcome": stop.get_outcome_display()},
            )
            following = stops[stops.index(stop) + 1 :] + stops[: stops.index(stop)]
            upcoming = next((other for other in following if other.outcome == Stop.Outcome.PENDING), None)
            return redirect(request.path + (f"#stop-{upcoming.pk}" if upcoming else "#route-progress"))
        stop.form = form
    for stop in stops:
        if not hasattr(stop, "form"):
            initial = {"outcome": stop.outcome if stop.outcome != Stop.Outcome.PENDING else None}
            stop.form = OutcomeForm(
                prefix=f"stop{stop.pk}", initial={**initial, "note": stop.note, "received_by": stop.received_by}
            )
        stop.map_url = map_url(stop.recipient)
        stop.tel_url = tel_url(stop.recipient.phone)
        # A stop stays open while it waits for a visit, or while its form has an error to show.
        stop.scanned = stop.pk == scanned
        stop.is_open = stop.outcome == Stop.Outcome.PENDING or bool(stop.form.errors) or stop.scanned
    done = sum(1 for stop in stops if stop.outcome != Stop.Outcome.PENDING)
    points, unmapped = route_points(stops)
    return render(
        request,
        "distribution/route.html",
        {
            "route": found,
            "stops": stops,
            "done": done,
            "code": code or "",
            "code_error": code_error,
            "map_points": points,
            "unmapped": unmapped,
        },
    )
