import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from accounts import redirects
from events import ical, registrations
from events.models import CalendarPage, EventPage, Registration


def _feed_events(locale_id, assembly=None):
    events = EventPage.objects.live().public().filter(locale_id=locale_id)
    if assembly is not None:
        events = events.child_of(assembly)
    return events


FINGERPRINT_TTL = 60  # seconds; far below the feeds' REFRESH-INTERVAL of an hour
VERSION_KEY = "events:feed-version"


def bump_feed_version(**kwargs):
    """Make every cached feed fingerprint stale: an event or what decides its visibility changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _fingerprint(events, key):
    """Count, last publication and highest SEQUENCE of a feed's events, cached for a minute.

    Publishing, unpublishing, deleting or moving an event (and changing a view
    restriction) bumps the version in the key, so a change shows at once; the
    short lifetime bounds staleness should a change bypass those signals.
    """
    version = cache.get_or_set(VERSION_KEY, 1, None)
    cache_key = f"events:feed:{version}:{key}"
    summary = cache.get(cache_key)
    if summary is None:
        summary = events.aggregate(count=Count("pk"), changed=Max("last_published_at"), sequence=Max("sequence"))
        cache.set(cache_key, summary, FINGERPRINT_TTL)
    return summary


def _feed_response(request, events, name, description, filename, key):
    """A subscribable calendar, answered with 304 when the client's copy is current.

    The ETag and Last-Modified come from a cached fingerprint, so a revalidation
    usually costs no database work; the calendar itself is one query for the
    stored VEVENTs.
    """
    summary = _fingerprint(events, key)
    changed = summary["changed"]
    fingerprint = f"{name}|{summary['count']}|{changed.isoformat() if changed else '-'}|{summary['sequence']}"
    etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
    last_modified = http_date(changed.timestamp()) if changed else None
    if _not_modified(request, etag, changed):
        response = HttpResponseNotModified()
    else:
        blocks = events.order_by("starts_at", "pk").values_list("ical_component", flat=True)
        response = HttpResponse(ical.calendar_text(name, description, blocks), content_type=ical.CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = last_modified
    # Calendar clients revalidate; no-transform keeps proxies from compressing or rewriting the feed.
    response["Cache-Control"] = "public, max-age=900, no-transform"
    return response


def _not_modified(request, etag, changed):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(since and changed and int(changed.timestamp()) <= since)


def calendar_feed(request):
    return _feed_response(
        request,
        _feed_events(Locale.get_active().pk),
        _("Ümraniye City Council events"),
        _("Events of the City Council and its assemblies"),
        "kent-konseyi.ics",
        key=f"{Locale.get_active().pk}:all",
    )


def assembly_feed(request, assembly_slug):
    from assemblies.models import AssemblyPage

    locale_id = Locale.get_active().pk
    assembly = AssemblyPage.objects.live().filter(locale_id=locale_id, slug=assembly_slug).first()
    if assembly is None:
        raise Http404
    return _feed_response(
        request,
        _feed_events(locale_id, assembly),
        assembly.title,
        _("Events of the %(assembly)s") % {"assembly": assembly.title},
        f"{assembly.slug}.ics",
        key=f"{locale_id}:{assembly.pk}",
    )


def event_ics(request, page_id):
    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        raise Http404
    response = HttpResponse(ical.single_event_calendar(event), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def register(request, event):
    """Register (or join the waitlist) for one event, or cancel one's registration: the event page's own forms.

    Nothing is asked on a page of its own; the event page carries the button and, for a series, the dates to choose
    from. Signed out, the button leads here and on to the log-in, which returns to the event page.
    """
    box_url = event.url + "#kayit"
    if not request.user.is_authenticated:
        reason = _("Please sign in, or create an account, to register for “%(title)s”.") % {"title": event.title}
        redirects.remember(request, box_url, reason=reason)
        return redirect_to_login(box_url)
    redirects.forget(request, box_url)
    if request.method == "GET":
        return redirect(box_url)
    state = registrations.state_for(event, request.user)
    if request.POST.get("action") == "cancel":
        if state.registration:
            registrations.cancel(state.registration)
            messages.success(request, _("Your registration has been cancelled."))
        return redirect(box_url)
    try:
        registration = registrations.register(event, request.user, request.POST.get("tarih"))
    except registrations.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request, _("You are registered. Your check-in code is %(code)s.") % {"code": registration.code}
            )
        elif event.is_recurring:
            messages.success(
                request, _("That date is full, so you are on its waitlist. We will e-mail you if a place opens.")
            )
        else:
            messages.success(
                request, _("The event is full, so you are on the waitlist. We will e-mail you if a place opens.")
            )
    return redirect(box_url)


@login_required
def my_events(request):
    found = list(
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .prefetch_related("event__exceptions")
    )
    positions = registrations.waitlist_positions(found)
    for registration in found:
        registration.when = registration.occurrence()
        registration.position = positions.get(registration.pk)
    today = timezone.now()
    # Coming dates first, soonest first; then what has passed, latest first.
    coming = sorted((r for r in found if r.when and r.when.ends_at >= today), key=lambda r: r.when.starts_at)
    past = sorted((r for r in found if not (r.when and r.when.ends_at >= today)), key=_latest_first)
    calendar_page = CalendarPage.objects.live().filter(locale_id=Locale.get_active().pk).first()
    return render(
        request,
        "events/my_events.html",
        {"registrations": coming + past, "now": today, "calendar_page": calendar_page},
    )


def _latest_first(registration):
    moment = registration.when.starts_at if registration.when else registration.event.starts_at
    return -moment.timestamp()


@login_required
@require_http_methods(["POST"])
def cancel_registration(request, pk):
    registration = get_object_or_404(Registration, pk=pk, user=request.user)
    registrations.cancel(registration)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect("events:mine")
