"""The suggestion box's three pages: send, the confirmation with the tracking number, and the status look-up."""

import ipaddress
import uuid

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import consent
from complaints import cases, tracking
from complaints.models import Case, Channel
from suggestions.forms import LookupForm, SuggestionForm

# The confirmation page finds the case in a signed cookie, which costs the busiest request no session write.
SENT_COOKIE = "suggestion_sent"
SENT_SALT = "suggestions.sent"
SENT_SECONDS = 3600


def _render(request, box, template, **context):
    return render(request, template, {"page": box, "self": box, **context})


def send(request, box):
    notice_url, notice_label = consent.privacy_notice(request)
    if request.method != "POST":
        form = SuggestionForm(user=request.user, privacy_notice_url=notice_url)
        return _render(request, box, "suggestions/suggestion_box_page.html", form=form)

    form = SuggestionForm(request.POST, request.FILES, user=request.user, privacy_notice_url=notice_url)
    already = _already_filed(request.POST.get("submission", ""))
    if already is not None:
        return _confirmation(request, box, already, dropped=False)
    refusal = ""
    if not ratelimit.consume(request, action="suggestion_send"):
        refusal = _(
            "Many messages have been sent from this connection in a short time. Please wait a few minutes and try again, "
            "or call 444 9 822."
        )
        # What was typed is shown again; the photos are not even opened.
        form = SuggestionForm(request.POST, user=request.user, privacy_notice_url=notice_url)
    elif form.is_valid():
        data = form.cleaned_data
        phone, email = data["phone"], data["email"].lower()
        if phone and not ratelimit.consume(request, action="suggestion_phone", key=phone):
            refusal = _(
                "Several messages have already been sent today with this phone number. "
                "Please follow them with their tracking numbers, or call 444 9 822."
            )
        elif email and not ratelimit.consume(request, action="suggestion_email", key=cases.email_limit_key(email)):
            refusal = _(
                "Several messages have already been sent today with this e-mail address. "
                "Please follow them with their tracking numbers, or call 444 9 822."
            )
        else:
            try:
                case = file_from_form(request, data, phone, notice_label)
            except IntegrityError:
                # The same form, sent again while the first sending was being stored: one case.
                case = _already_filed(str(data["submission"]))
                if case is None:
                    raise
            return _confirmation(request, box, case, dropped=form.location_dropped)
    if request.FILES.getlist("photos") and (refusal or form.errors):
        form.ask_for_photos_again()
    response = _render(request, box, "suggestions/suggestion_box_page.html", form=form, refusal=refusal)
    return _with_status(response, 429 if refusal else 200)


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
    )


def _already_filed(key):
    """The case this very form (its one-time key) has already filed, if any."""
    try:
        key = uuid.UUID(key)
    except ValueError:
        return None
    return Case.objects.filter(submission_key=key).first()


def _confirmation(request, box, case, dropped):
    """Off to the confirmation page, which finds the case in a signed cookie."""
    response = redirect(box.url + box.reverse_subpage("sent"))
    response.set_signed_cookie(
        SENT_COOKIE,
        f"{case.pk}:{int(dropped)}",
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
    from suggestions.models import SuggestionBoxPage

    box = get_object_or_404(SuggestionBoxPage.objects.live().public(), pk=box_id)
    return send(request, box)


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
    return _render(request, box, "suggestions/sent.html", case=case, location_dropped=dropped)


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
    """allauth's rate limit, counted on GET too (its public consume() lets every GET through): the secret link
    is a GET, and a guesser must not get round the limits by sending the form's fields in the address."""
    from allauth.core.internal import ratelimit as allauth_ratelimit

    return bool(allauth_ratelimit.consume(request, app="allauth.account", action=action, key=key, limit_get=True))


def _answer(request, form, context):
    """Fill `context` with the case, a refusal or the one answer for any wrong number or code."""
    if not _consume(request, "case_lookup") or not _consume(request, "case_lookup_network", _network(request)):
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
