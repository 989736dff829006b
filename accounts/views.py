import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

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
    consents = request.user.consents.all()
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "consents": consents, "account_links": personal_data.account_links},
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
    """Withdraw an explicit consent (KVKK art. 5): kept as a record, dated, never deleted."""
    consent = get_object_or_404(
        Consent, pk=pk, user=request.user, kind=Consent.Kind.EXPLICIT_CONSENT, withdrawn_at__isnull=True
    )
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    messages.success(
        request,
        _(
            "Your explicit consent is withdrawn. Your account stays open with only the data needed to run it; "
            "delete the account below if you want it erased."
        ),
    )
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
