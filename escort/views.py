"""Booking an escort, in two simple steps (the day, then the rest), its confirmation, and the escorts' day on a phone.

The booking form is the same for the call centre, which fills it in the admin for a caller (`admin_views.book`);
`process` is shared by both.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import consent, limits
from escort import notices, slots, visits
from escort.forms import BookingForm, VisitForm
from escort.groups import is_unit
from escort.models import Booking, Office

DONE_COOKIE = "escort_booked"
DONE_SALT = "escort.booked"
DONE_SECONDS = 3600


def day_choices(window):
    """The booking days, each with its free hours: [(day, free)], from one pass over the window's slots."""
    free = {day: 0 for day in window}
    for found in slots.slots(window):
        free[found.date] += found.free
    return list(free.items())


def chosen_day(value, window):
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if day in window else None


def process(request, form, window, call_centre=False):
    """Validate and keep the booking. Returns (booking, alternatives, refusal): a booking when kept; else the nearest
    free slots when the chosen one is full, or a refusal in words (rate limit)."""
    if not form.is_valid():
        return None, [], ""
    data = form.cleaned_data
    day, hour = data["slot"]
    if data["submission"]:
        already = Booking.objects.filter(submission_key=data["submission"]).first()
        if already is not None:
            return already, [], ""  # the same form sent twice (a double click, a reload): one booking
    if day not in window:
        form.add_error("slot", _("Bookings are taken for the next %(count)d working days.") % {"count": len(window)})
        return None, [], ""
    found = slots.slot(day, hour)
    if found is None or found.is_full:
        return None, slots.nearest_free(day, hour, window), ""
    if not call_centre and limits.consume(request, ("escort_phone", data["phone"])):
        return (
            None,
            [],
            _("Several bookings have already been made today with this phone number. Please call 444 9 822."),
        )
    fields = form.booking_fields()
    fields.update(consent_at=timezone.now(), language=get_language() or "tr")
    if call_centre:
        fields["staff_user"] = request.user
    try:
        booking = slots.book(date=day, hour=hour, window=window, **fields)
    except slots.SlotFull as full:
        return None, full.alternatives, ""
    except IntegrityError:
        booking = Booking.objects.filter(submission_key=data["submission"]).first()
        if booking is None:
            raise
        return booking, [], ""
    notices.booked(booking)
    return booking, [], ""


def posted_data(request):
    """The form as posted; a button of an offered slot ("take") replaces the chosen time, keeping the rest."""
    data = request.POST.copy()
    if request.POST.get("take"):
        data["slot"] = request.POST["take"]
    return data


def book(request):
    window = slots.booking_days()
    notice_url, _label = consent.privacy_notice(request)
    context = {"window": window}
    if request.method == "POST":
        data = posted_data(request)
        form = BookingForm(data, day_slots=slots.slots(window), privacy_notice_url=notice_url)
        if limits.consume(request, ("escort_book", None)):
            context["refusal"] = _(
                "Many bookings have been sent from this connection in a short time. Please wait a few minutes and "
                "try again, or call 444 9 822."
            )
            booking, alternatives = None, []
        else:
            booking, alternatives, context["refusal"] = process(request, form, window)
        if booking is not None:
            response = redirect("escort:done")
            response.set_signed_cookie(
                DONE_COOKIE,
                str(booking.pk),
                salt=DONE_SALT,
                max_age=DONE_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
        parsed = slots.parse(data.get("slot"))
        day = parsed[0] if parsed and parsed[0] in window else chosen_day(data.get("day"), window)
        context.update(alternatives=alternatives, full_slot=parsed if alternatives else None)
        status = 429 if context["refusal"] else 200
    else:
        day = chosen_day(request.GET.get("gun"), window)
        if day is None:
            return render(request, "escort/choose_day.html", {"days": day_choices(window)})
        form = BookingForm(day_slots=slots.slots([day]), privacy_notice_url=notice_url)
        status = 200
    if day is None:
        return render(request, "escort/choose_day.html", {"days": day_choices(window)})
    context.update(form=form, day=day, day_slots=slots.slots([day]), chosen=form["slot"].value())
    response = render(request, "escort/book.html", context)
    response.status_code = status
    return response


def done(request):
    value = request.get_signed_cookie(DONE_COOKIE, default="", salt=DONE_SALT, max_age=DONE_SECONDS)
    booking = Booking.objects.select_related("office").filter(pk=value).first() if value.isdigit() else None
    if booking is None:
        return redirect("escort:book")
    return render(request, "escort/done.html", {"booking": booking})


def _unit_only(request):
    if not is_unit(request.user):
        raise Http404  # nobody outside the unit learns who is coming


@login_required
def day(request):
    """The escorts' day on a phone: each booking with the visitor's needs, office and phone, and its record."""
    _unit_only(request)
    today = timezone.localdate()
    shown = today
    try:
        shown = datetime.date.fromisoformat(request.GET.get("gun", "")) if request.GET.get("gun") else today
    except ValueError:
        shown = today
    offices = list(Office.objects.all())
    bookings = list(
        Booking.objects.on(shown)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("office", "escort")
        .prefetch_related(Prefetch("helped_offices", queryset=Office.objects.only("pk")))
    )
    if request.method == "POST":
        booking = next((found for found in bookings if str(found.pk) == request.POST.get("booking")), None)
        if booking is None:
            raise Http404
        form = VisitForm(request.POST, prefix=f"b{booking.pk}", offices=offices)
        if form.is_valid():
            visits.record(booking, request.user, **form.cleaned_data)
            messages.success(
                request,
                _("%(name)s: %(status)s.") % {"name": booking.visitor_name, "status": booking.get_status_display()},
            )
            following = [found for found in bookings if found.status == Booking.Status.BOOKED and found != booking]
            anchor = f"#booking-{following[0].pk}" if following else "#day-progress"
            return redirect(f"{request.path}?gun={shown.isoformat()}{anchor}")
        booking.form = form
    for booking in bookings:
        if not hasattr(booking, "form"):
            initial = {
                "status": booking.status if booking.status != Booking.Status.BOOKED else None,
                "helped_offices": [office.pk for office in booking.helped_offices.all()] or [booking.office_id],
                "outcome": booking.outcome,
            }
            booking.form = VisitForm(initial=initial, prefix=f"b{booking.pk}", offices=offices)
        booking.is_open = booking.status == Booking.Status.BOOKED or booking.form.errors
    done = sum(1 for booking in bookings if booking.status != Booking.Status.BOOKED)
    return render(
        request,
        "escort/day.html",
        {
            "shown": shown,
            "today": today,
            "bookings": bookings,
            "done": done,
            "previous": shown - datetime.timedelta(days=1),
            "next": shown + datetime.timedelta(days=1),
        },
    )
