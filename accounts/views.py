import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import consent as kvkk
from accounts import personal_data
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import Consent


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    consents = list(request.user.consents.all())
    for consent in consents:
        consent.withdrawable = consent.kind in Consent.WITHDRAWABLE
        consent.uses = [use.label for use in personal_data.consent_uses(consent.kind)]
    # A consent withdrawn can be given again, to the text in force now.
    to_give_again = [
        (kind, page)
        for kind, page in kvkk.current_texts(request, Consent.WITHDRAWABLE)
        if personal_data.has_withdrawn(request.user, kind)
    ]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "consents": consents,
            "to_give_again": to_give_again,
            "account_links": personal_data.account_links,
        },
    )


@login_required
def download_data(request):
    """Everything the portal holds on the signed-in person, as a readable JSON file."""
    data = {
        "portal": "Ümraniye Kent Konseyi",
        "generated_at": timezone.localtime().isoformat(),
        **personal_data.export(request.user),
    }
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"kisisel-verilerim-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def withdraw_consent(request, pk):
    """Withdraw a consent (KVKK art. 5): kept as a record, dated, never deleted; what ran on it alone stops."""
    consent = get_object_or_404(
        Consent, pk=pk, user=request.user, kind__in=Consent.WITHDRAWABLE, withdrawn_at__isnull=True
    )
    stopped = personal_data.withdraw(consent)
    messages.success(
        request,
        _(
            "Your explicit consent is withdrawn. Your account stays open with only the data needed to run it; "
            "delete the account below if you want it erased."
        ),
    )
    for use in stopped:
        messages.info(request, _("Stopped: %(what)s") % {"what": use.label})
    return redirect("accounts:profile")


@login_required
@require_POST
def give_consent(request, kind):
    """Give a withdrawn consent again, to the text in force now."""
    texts = [(found, page) for found, page in kvkk.current_texts(request, Consent.WITHDRAWABLE) if found == kind]
    if not texts or not personal_data.has_withdrawn(request.user, kind):
        raise Http404
    kvkk.record_consents(request.user, texts)
    messages.success(request, _("Thank you: your consent is recorded."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST":
        limited = ratelimit.consume_or_429(request, action="delete_account", user=request.user)
        if limited:
            return limited
        if form.is_valid():
            user = request.user
            logout(request)
            personal_data.erase(user)
            messages.success(request, _("Your account and your personal data have been erased."))
            return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
