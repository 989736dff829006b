"""The courier's page for one route, reached from the QR code on the printed sheet: made for a phone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from distribution import planning
from distribution.forms import OutcomeForm
from distribution.groups import is_member
from distribution.models import Route, Stop


@login_required
def route(request, token):
    """Every stop in walking order; the courier marks one stop at a time and comes back to the list."""
    if not is_member(request.user):
        raise Http404  # nobody outside the team learns that the route exists
    found = get_object_or_404(
        Route.objects.select_related("distribution__publication", "neighbourhood", "courier"), token=token
    )
    stops = list(found.stops.select_related("recipient").order_by("position"))
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
            return redirect(request.path + f"#stop-{stop.pk}")
        stop.form = form
    for stop in stops:
        if not hasattr(stop, "form"):
            initial = {"outcome": stop.outcome if stop.outcome != Stop.Outcome.PENDING else None}
            stop.form = OutcomeForm(
                prefix=f"stop{stop.pk}", initial={**initial, "note": stop.note, "received_by": stop.received_by}
            )
    done = sum(1 for stop in stops if stop.outcome != Stop.Outcome.PENDING)
    return render(request, "distribution/route.html", {"route": found, "stops": stops, "done": done})
