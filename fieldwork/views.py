"""The field officer's pages, made for a phone (as Çözüm Postası's courier pages): today's plan, a visit recorded
stop by stop, the requests raised and the case each became."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from fieldwork import access, visits
from fieldwork.forms import RequestForm, VisitForm
from fieldwork.models import FieldRequest, PlannedStop, Representation, Visit, VisitPlan


def _team_only(request):
    if not access.in_team(request.user):
        raise Http404  # nobody outside the team learns what the team recorded


def _plans(queryset):
    stops = PlannedStop.objects.select_related("visit", "firm").order_by("position", "pk")
    return list(
        queryset.select_related("neighbourhood")
        .prefetch_related(Prefetch("stops", queryset=stops), "staff")
        .order_by("date", "neighbourhood__sort_key", "pk")
    )


@login_required
def today(request):
    """The officer's day: their plans for today with each stop one tap from its visit form, then the team's."""
    _team_only(request)
    day = timezone.localdate()
    plans = _plans(VisitPlan.objects.filter(date=day))
    mine = [plan for plan in plans if request.user in plan.staff.all()]
    others = [plan for plan in plans if plan not in mine]
    for plan in plans:
        plan.done = sum(1 for stop in plan.stops.all() if hasattr(stop, "visit"))
    recorded = list(
        Visit.objects.for_listing()
        .filter(recorded_by=request.user, visited_at__date=day)
        .annotate(request_count=Count("requests"))
    )
    upcoming = _plans(VisitPlan.objects.filter(date__gt=day, staff=request.user))[:5]
    events = list(Representation.objects.filter(Q(starts_on=day) | Q(starts_on__lte=day, ends_on__gte=day)))
    return render(
        request,
        "fieldwork/today.html",
        {
            "today": day,
            "mine": mine,
            "others": others,
            "recorded": recorded,
            "upcoming": upcoming,
            "events": events,
            "may_record": access.may_record(request.user),
        },
    )


@login_required
def visit_list(request):
    """The team's visits, newest first: every officer reads them all (the unit works as a team)."""
    _team_only(request)
    queryset = Visit.objects.for_listing().annotate(request_count=Count("requests")).order_by("-visited_at", "-pk")
    if request.GET.get("benim"):
        queryset = queryset.filter(recorded_by=request.user)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    return render(request, "fieldwork/visit_list.html", {"page": page, "mine_only": bool(request.GET.get("benim"))})


def _saved_message(visit):
    parts = [str(visit), str(visit.neighbourhood)]
    if visit.person_name:
        parts.append(visit.person_name)
    count = visit.requests.count()
    requests_text = ngettext("%(count)s request", "%(count)s requests", count) % {"count": count}
    topics = visit.topics.count()
    topics_text = ngettext("%(count)s topic", "%(count)s topics", topics) % {"count": topics}
    satisfaction = visit.get_satisfaction_display() if visit.satisfaction is not None else _("not asked")
    return _("Visit saved: %(what)s; %(topics)s, satisfaction: %(satisfaction)s; %(requests)s.") % {
        "what": ", ".join(parts),
        "topics": topics_text,
        "satisfaction": satisfaction,
        "requests": requests_text,
    }


@login_required
def new_visit(request):
    """Record a visit; from a planned stop (?durak=) the form comes filled with what the plan knows."""
    _team_only(request)
    if not access.may_record(request.user):
        raise Http404
    stop = None
    if request.GET.get("durak", "").isdigit():
        stop = get_object_or_404(
            PlannedStop.objects.select_related("plan__neighbourhood", "firm"), pk=request.GET["durak"]
        )
        if hasattr(stop, "visit"):
            messages.info(request, _("This stop was already visited; here is its record."))
            return redirect("fieldwork:visit", pk=stop.visit.pk)
    if request.method == "POST":
        form = VisitForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            topics = data.pop("topics")
            request_text, request_topic = data.pop("request_text"), data.pop("request_topic")
            visit = visits.record_visit(
                recorded_by=request.user,
                stop=stop,
                topics=topics,
                request_text=request_text,
                request_topic=request_topic,
                **data,
            )
            messages.success(request, _saved_message(visit))
            return redirect("fieldwork:visit", pk=visit.pk)
    else:
        initial = {"kind": "shopkeeper"}
        if stop is not None:
            initial.update(
                kind=stop.kind,
                firm=stop.firm_id,
                business_name=stop.name,
                neighbourhood=stop.plan.neighbourhood_id,
                street=stop.street,
            )
        form = VisitForm(initial=initial)
    return render(request, "fieldwork/visit_form.html", {"form": form, "stop": stop})


@login_required
def edit_visit(request, pk):
    _team_only(request)
    visit = get_object_or_404(Visit.objects.for_listing(), pk=pk)
    if not access.may_change(request.user, visit):
        raise Http404
    if request.method == "POST":
        form = VisitForm(request.POST, instance=visit)
        if form.is_valid():
            visit = form.save(commit=False)
            for name in ("firm", "business_name", "contact_phone"):
                setattr(visit, name, form.cleaned_data[name])
            visit.save()
            form.save_m2m()
            messages.success(request, _saved_message(visit))
            return redirect("fieldwork:visit", pk=visit.pk)
    else:
        form = VisitForm(instance=visit)
    return render(request, "fieldwork/visit_form.html", {"form": form, "visit": visit})


def _requests(origin):
    return list(origin.requests.select_related("topic", "case").order_by("created_at", "pk"))


@login_required
def visit_detail(request, pk):
    """A visit as recorded, its requests, and one button per request to make it a case."""
    _team_only(request)
    visit = get_object_or_404(
        Visit.objects.for_listing().select_related("stop__plan").prefetch_related("topics"), pk=pk
    )
    may_change = access.may_change(request.user, visit)
    form = RequestForm(prefix="request")
    if request.method == "POST":
        if not may_change:
            raise Http404
        form = RequestForm(request.POST, prefix="request")
        if form.is_valid():
            visits.add_request(visit, form.cleaned_data["text"], topic=form.cleaned_data["topic"], actor=request.user)
            messages.success(request, _("Request added to the visit."))
            return redirect(reverse("fieldwork:visit", args=[visit.pk]) + "#requests")
    requests = _requests(visit)
    for item in requests:
        item.may_open = may_change
    return render(
        request,
        "fieldwork/visit_detail.html",
        {"visit": visit, "requests": requests, "may_change": may_change, "form": form},
    )


@login_required
def representation_detail(request, pk):
    """An event the municipality was at: who was on duty, and the requests taken there (add one, make it a case)."""
    _team_only(request)
    event = get_object_or_404(Representation.objects.select_related("neighbourhood").prefetch_related("staff"), pk=pk)
    form = RequestForm(prefix="request", with_contact=True)
    may_add = access.may_record(request.user)
    if request.method == "POST":
        if not may_add:
            raise Http404
        form = RequestForm(request.POST, prefix="request", with_contact=True)
        if form.is_valid():
            data = form.cleaned_data
            visits.add_request(
                event,
                data["text"],
                topic=data["topic"],
                actor=request.user,
                name=data["name"],
                phone=data["phone"],
                contact_consent=data["contact_consent"],
            )
            messages.success(request, _("Request added to the event."))
            return redirect(reverse("fieldwork:representation", args=[event.pk]) + "#requests")
    requests = _requests(event)
    for item in requests:
        item.may_open = access.may_open_case(request.user, item)
    return render(
        request,
        "fieldwork/representation_detail.html",
        {"event": event, "requests": requests, "may_add": may_add, "form": form},
    )


@require_POST
@login_required
def open_case(request, pk):
    """Turn one request into a case of the register, then back to the visit or event with its tracking number."""
    _team_only(request)
    item = get_object_or_404(FieldRequest.objects.select_related("visit", "representation"), pk=pk)
    if not access.may_open_case(request.user, item):
        raise Http404
    already = item.case_id is not None
    case = visits.open_case(item, request.user)
    if already:
        messages.info(request, _("This request is already case %(number)s.") % {"number": case.display_number})
    else:
        messages.success(
            request,
            _("Case %(number)s opened in the register (channel: field visit), due %(due)s.")
            % {"number": case.display_number, "due": case.due_on.strftime("%d.%m.%Y")},
        )
    if item.visit_id:
        target = reverse("fieldwork:visit", args=[item.visit_id])
    else:
        target = reverse("fieldwork:representation", args=[item.representation_id])
    return redirect(f"{target}#request-{item.pk}")
