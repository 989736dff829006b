"""The suggestion box's pages: send (with the nearby reports first), the confirmations, the status look-up, and
the two small JSON answers its script asks for (nearby reports, known addresses)."""

import ipaddress
import uuid
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import consent, limits
from complaints import cases, notifications, tracking
from complaints.models import Case, Channel, Topic
from places import gazetteer
from places.models import Neighbourhood
from suggestions import nearby
from suggestions.forms import AREA, CHOICES, LookupForm, SuggestionForm
from theme import chrome

# The confirmation page finds the case in a signed cookie, which costs the busiest request no session write.
SENT_COOKIE = "suggestion_sent"
SENT_SALT = "suggestions.sent"
SENT_SECONDS = 3600
SUPPORTED_COOKIE = "suggestion_supported"


def _render(request, box, template, **context):
    box = box.page if isinstance(box, PostedBox) else box
    return render(request, template, {"page": box, "self": box, **context})


def send(request, box):
    # The versions this request's kept copies are checked against (the box's address, its choices, the offered
    # reports, the privacy notice), in one round trip to the cache.
    chrome.read_versions(CHOICES, nearby.OFFERED, consent.TEXTS)
    notice_url, notice_label = consent.privacy_notice(request)
    if request.method != "POST":
        form = SuggestionForm(user=request.user, privacy_notice_url=notice_url)
        return _render(request, box, "suggestions/suggestion_box_page.html", form=form)

    form = SuggestionForm(request.POST, request.FILES, user=request.user, privacy_notice_url=notice_url)
    # The same form sent again after it was filed (a reload, a second click) is found when filing it fails on its
    # one-time key (below): not asked first, as nearly every sending is a new one.
    # Every sending counts against its connection's limit. With photos that is asked first, so a refused sending
    # never opens them; without, it is counted once the form is read, together with the phone's and e-mail's
    # limits when it is to be filed: one round trip instead of two for nearly every sending.
    photos = bool(request.FILES.getlist("photos"))
    refusal = _refusal(request, SEND_LIMIT) if photos else ""
    if refusal:
        # What was typed is shown again; the photos are not even opened.
        form = SuggestionForm(request.POST, user=request.user, privacy_notice_url=notice_url)
    elif not form.is_valid():
        refusal = "" if photos else _refusal(request, SEND_LIMIT)
    else:
        data = form.cleaned_data
        phone, email = data["phone"], data["email"].lower()
        joined = _joinable(data["support"]) if data["support"] else None
        gone = bool(data["support"]) and joined is None
        candidates = [] if joined or (data["decision"] == "new" and not gone) else _candidates(data)
        if not (candidates or gone):
            refusal = _refusal(request, *([] if photos else [SEND_LIMIT]), *_contact_limits(phone, email))
            if not refusal:
                return _file(request, box, form, joined, phone, notice_label)
        elif not (refusal := "" if photos else _refusal(request, SEND_LIMIT)):
            # Before filing: "is it one of these?" (without JavaScript, this second step is the only way to ask).
            return _render(
                request,
                box,
                "suggestions/suggestion_box_page.html",
                form=form,
                candidates=[(candidate, public_url(candidate.case)) for candidate in candidates],
                gone=gone,
                photos_dropped=photos,
            )
    if photos and (refusal or form.errors):
        form.ask_for_photos_again()
    response = _render(request, box, "suggestions/suggestion_box_page.html", form=form, refusal=refusal)
    return _with_status(response, 429 if refusal else 200)


SEND_LIMIT = ("suggestion_send", None)  # per connection (the rates per address)


def _file(request, box, form, joined, phone, notice_label):
    """File the sending, or add the resident's voice to the report they chose, and off to the confirmation."""
    data = form.cleaned_data
    if joined is not None:
        return _supported(request, box, joined, _add_voice(request, joined, data, phone))
    try:
        case = file_from_form(request, data, phone, notice_label)
    except IntegrityError:
        # The same form, sent again while the first sending was being stored: one case.
        filed = _already_filed(str(data["submission"]))
        if filed is None:
            raise
        return _confirmation(request, box, filed, dropped=form.location_dropped)
    return _confirmation(request, box, case.pk, dropped=form.location_dropped)


def _contact_limits(phone, email):
    """The limits per phone number and per e-mail address of a sending to be filed."""
    checks = [("suggestion_phone", phone)] if phone else []
    if email:
        checks.append(("suggestion_email", cases.email_limit_key(email)))
    return checks


def _refusal(request, *checks):
    """Counted against each of `checks` in one round trip: what the resident is told when one of them refuses the
    sending (the connection's first), or "" when none does."""
    refused = limits.consume(request, *checks) if checks else None
    if refused == "suggestion_send":
        return _(
            "Many messages have been sent from this connection in a short time. "
            "Please wait a few minutes and try again, or call 444 9 822."
        )
    if refused == "suggestion_phone":
        return _(
            "Several messages have already been sent today with this phone number. "
            "Please follow them with their tracking numbers, or call 444 9 822."
        )
    if refused == "suggestion_email":
        return _(
            "Several messages have already been sent today with this e-mail address. "
            "Please follow them with their tracking numbers, or call 444 9 822."
        )
    return ""


def file_from_form(request, data, phone, notice_label):
    """File the case the resident's form describes."""
    return cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=data["kind"],
        topic=data["topic"],
        neighbourhood=data["neighbourhood"],
        address=data["address"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        description=data["description"],
        photos=data["photos"],
        anonymous=data["anonymous"],
        name=data["name"].strip(),
        phone=phone,
        email=data["email"],
        reply_by=data["reply_by"],
        user=request.user if request.user.is_authenticated and not data["anonymous"] else None,
        language=get_language() or "tr",
        consent_at=timezone.now(),
        consent_document=notice_label,
        submission_key=data["submission"],
        public_consent=data["public_consent"],
    )


def _candidates(data):
    return nearby.find(
        data["topic"], data["latitude"], data["longitude"], data["address"], neighbourhood=data["neighbourhood"]
    )


def _joinable(pk):
    """The report a resident may add their voice to: one the public sees, still open."""
    return Case.objects.public().open().filter(pk=pk).select_related("topic").first()


def _add_voice(request, case, data, phone):
    """The resident's voice on `case`, once per contact (the same form sent twice adds one): "" when it was
    added now, else the contact it had already been added with ("phone" or "email")."""
    from complaints.models import Supporter

    email = data["email"]
    same = Supporter.objects.filter(case=case)
    if phone and same.filter(phone=phone).exists():
        return "phone"
    if email and same.filter(email__iexact=email).exists():
        return "email"
    cases.add_supporter(
        case,
        name=data["name"],
        email=email,
        phone=phone,
        user=request.user if not data["anonymous"] else None,
        note=data["description"] or "",
        consent_at=timezone.now(),
    )
    return ""


def public_url(case):
    """The report's public page (built by the public reports), or "" while there is none; `case` is public."""
    return notifications.public_path(case, known_public=True)


def _supported(request, box, case, already=""):
    response = redirect(box.url + box.reverse_subpage("supported"))
    response.set_signed_cookie(
        SUPPORTED_COOKIE,
        f"{case.pk}:{already}" if already else str(case.pk),
        salt=SENT_SALT,
        max_age=SENT_SECONDS,
        path=box.url,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def supported(request, box):
    """The confirmation after adding one's voice: which report, how many voices it has, what happens next."""
    value = request.get_signed_cookie(SUPPORTED_COOKIE, default="", salt=SENT_SALT, max_age=SENT_SECONDS)
    value, _colon, already = value.partition(":")  # already: the contact the voice had been added with before
    case = (
        Case.objects.public().filter(pk=value).select_related("topic", "neighbourhood").first()
        if value.isdigit()
        else None
    )
    if case is None:
        return redirect(box.url)
    return _render(
        request,
        box,
        "suggestions/supported.html",
        case=case,
        already=already if already in ("phone", "email") else "",
        voices=case.supporters.count(),
        public_url=public_url(case),
    )


def _coordinate(value, low, high):
    try:
        number = Decimal(str(value).strip()[:20])
    except (ArithmeticError, ValueError, InvalidOperation):
        return None
    return number if number.is_finite() and low <= number <= high else None


def _point(request):
    latitude = _coordinate(request.GET.get("lat", ""), AREA[0][0], AREA[1][0])
    longitude = _coordinate(request.GET.get("lon", ""), AREA[0][1], AREA[1][1])
    return (latitude, longitude) if latitude is not None and longitude is not None else (None, None)


def _json(data, status=200):
    response = JsonResponse(data, status=status)
    patch_cache_control(response, private=True, max_age=0)
    return response


def _too_many():
    return _json({"error": _("Too many look-ups from this connection. Please wait a minute.")}, status=429)


def nearby_reports(request, box):
    """The open public reports of the chosen topic near the pin or on the typed street, for the box's script."""
    if not _consume(request, "suggestion_nearby"):
        return _too_many()
    topic = Topic.objects.filter(pk=request.GET.get("topic", "") if request.GET.get("topic", "").isdigit() else None)
    topic = topic.filter(active=True, public=True).first()
    place = request.GET.get("neighbourhood", "")
    neighbourhood = Neighbourhood.objects.filter(pk=place).first() if place.isdigit() else None
    latitude, longitude = _point(request)
    found = nearby.find(topic, latitude, longitude, request.GET.get("address", "")[:300], neighbourhood)
    return _json({"results": [nearby.as_json(candidate, public_url(candidate.case)) for candidate in found]})


def _known(row):
    return {
        "label": str(row),
        "street": row.street,
        "number": row.number,
        "address": f"{row.street} No: {row.number}" if row.number else row.street,
        "neighbourhood": row.neighbourhood_id,
        "lat": f"{row.latitude:.6f}",
        "lon": f"{row.longitude:.6f}",
    }


def address_lookup(request, box):
    """Known addresses (places.gazetteer): for typed text (?q=), or the one nearest a pin (?lat=&lon=)."""
    if not _consume(request, "suggestion_address"):
        return _too_many()
    latitude, longitude = _point(request)
    if latitude is not None:
        found = gazetteer.nearest(latitude, longitude)
        rows = [found] if found else []
    else:
        place = request.GET.get("neighbourhood", "")
        rows = gazetteer.search(request.GET.get("q", "")[:200], int(place) if place.isdigit() else None)
    return _json({"results": [_known(row) for row in rows]})


def _already_filed(key):
    """The id of the case this very form (its one-time key) has already filed, if any.

    Asked only when filing hit the key's unique constraint: the id alone, as the confirmation needs no more."""
    try:
        key = uuid.UUID(key)
    except ValueError:
        return None
    return next(iter(Case.objects.filter(submission_key=key).values_list("pk", flat=True)[:1]), None)


def _confirmation(request, box, case_pk, dropped):
    """Off to the confirmation page, which finds the case (by `case_pk`) in a signed cookie."""
    response = redirect(box.url + box.reverse_subpage("sent"))
    response.set_signed_cookie(
        SENT_COOKIE,
        f"{case_pk}:{int(dropped)}",
        salt=SENT_SALT,
        max_age=SENT_SECONDS,
        path=box.url,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


@require_POST
def submit(request, box_id):
    """The form's own address: the same as posting to the box's page, without finding the page by its path."""
    chrome.read_versions(CHOICES, nearby.OFFERED, consent.TEXTS)  # before the box's address needs the first
    return send(request, PostedBox.find(box_id))


# The address of each suggestion box this process has taken a form for, with the frame version it was read at
# (publishing, unpublishing, moving or restricting a page bumps it): {box id: (version, url)}.
_box_urls = {}


class PostedBox:
    """The box a form was posted to, by its id: its address from this process's memory, the page itself read only
    when a page is shown (a form to correct, a refusal, the nearby reports), not for the redirect after filing."""

    def __init__(self, pk):
        self.pk = pk

    @classmethod
    def find(cls, pk):
        """The box, or 404 (before anything is filed) when it is not, or no longer, published for everyone."""
        box = cls(pk)
        box.url  # noqa: B018 - read for its 404
        return box

    @cached_property
    def page(self):
        from suggestions.models import SuggestionBoxPage

        return get_object_or_404(SuggestionBoxPage.objects.live().public(), pk=self.pk)

    @property
    def url(self):
        version = chrome.version()
        known = _box_urls.get(self.pk)
        if known is None or known[0] != version:
            if len(_box_urls) > 16:  # a few boxes at most; the id is the client's to choose
                _box_urls.clear()
            known = _box_urls[self.pk] = (version, self.page.url)
        return known[1]

    def reverse_subpage(self, name):
        from suggestions.models import SuggestionBoxPage

        return SuggestionBoxPage.get_resolver().reverse(name)


def _with_status(response, status):
    response.status_code = status
    return response


def sent(request, box):
    """The confirmation: shown once the case and its photos are stored, with its tracking number."""
    value = request.get_signed_cookie(SENT_COOKIE, default="", salt=SENT_SALT, max_age=SENT_SECONDS)
    pk, _sep, dropped = value.partition(":")
    case = Case.objects.filter(pk=pk).select_related("topic").first() if pk.isdigit() else None
    if case is None:
        return redirect(box.url)
    dropped = dropped == "1"
    shown = not case.anonymous and Case.objects.public().filter(pk=case.pk).exists()
    return _render(
        request,
        box,
        "suggestions/sent.html",
        case=case,
        location_dropped=dropped,
        public_url=public_url(case) if shown else "",
    )


def _network(request):
    """The guesser's network: a /24 for IPv4, a /48 for IPv6, since the addresses within one are easy to rotate."""
    from allauth.account.adapter import get_adapter

    address = ipaddress.ip_address(get_adapter().get_client_ip(request))
    return str(ipaddress.ip_network(f"{address}/{24 if address.version == 4 else 48}", strict=False))


def lookup(request, box):
    """A case's status, public history and answer, for whoever holds its number and its security code.

    The code comes typed into the form or in the secret link sent to the resident (?no=…&kod=…). Its 60 bits
    cannot be guessed, so the limits fall on the guesser: per address and per network, and a cap of wrong
    tries per number that slows guessers but never the resident, whose right code always opens the case.
    """
    if request.method == "POST":
        form = LookupForm(request.POST)
    elif "no" in request.GET or "kod" in request.GET:
        form = LookupForm({"number": request.GET.get("no", ""), "code": request.GET.get("kod", "")})
    else:
        form = LookupForm()
    context = {"form": form}
    if form.is_bound:
        _answer(request, form, context)
    response = _render(request, box, "suggestions/lookup.html", **context)
    if "refusal" in context:
        response.status_code = 429
    # The page may hold a case and its code (in the address): kept by no cache, named to no other site (not
    # "no-referrer": browsers then send "Origin: null" with the form, which CSRF protection refuses).
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"
    return response


def _consume(request, action, key=None):
    """The limit `action` allows this request (counted on GET too: see accounts.limits)."""
    return limits.consume(request, (action, key)) is None


def _answer(request, form, context):
    """Fill `context` with the case, a refusal or the one answer for any wrong number or code."""
    if limits.consume(request, ("case_lookup", None), ("case_lookup_network", _network(request))):
        context["refusal"] = _("Too many look-ups from this connection. Please wait a few minutes and try again.")
        return
    if not form.is_valid():
        return
    number, code = form.cleaned_data["number"], form.cleaned_data["code"]
    case = (
        Case.objects.filter(tracking_number=number, anonymous=False)
        .select_related("topic", "directorate", "neighbourhood")
        .first()
    )
    if case is not None and tracking.code_matches(case.uuid, code):
        context.update(case=case, history=cases.public_history(case))
    elif not _consume(request, "case_lookup_number", number):
        context["refusal"] = _(
            "This tracking number has been tried too many times with a wrong code. Please try again in an hour, "
            "use the link in the SMS or e-mail we sent you, or call 444 9 822."
        )
    else:
        context["not_found"] = _(
            "We found no application with these details. Please check the tracking number and the security code, "
            "or call 444 9 822."
        )


@login_required
def mine(request):
    """The signed-in person's own applications, newest first."""
    own = Case.objects.filter(user=request.user).select_related("topic", "directorate").order_by("-received_at")
    return render(request, "suggestions/mine.html", {"cases": own})
