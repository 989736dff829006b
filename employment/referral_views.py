"""The candidate's answer to a referral, on the page the e-mail and SMS link to: no sign-in, the token is the key."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from employment import referrals
from employment.models import Referral


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    referral = get_object_or_404(Referral.objects.select_related("vacancy__firm", "vacancy__occupation"), token=token)
    error = None
    if request.method == "POST" and request.POST.get("answer") in ("agree", "decline"):
        try:
            referral = referrals.answer(referral, request.POST["answer"] == "agree")
        except referrals.Refused as refusal:
            error = refusal.messages[0]
    asked = referral.status == Referral.Status.ASKED
    return TemplateResponse(
        request,
        "employment/referral_answer.html",
        {
            "referral": referral,
            "vacancy": referral.vacancy,
            "firm": referral.vacancy.firm,
            "error": error,
            "open": asked and not referrals.is_expired(referral),
            "expired": asked and referrals.is_expired(referral),
            "expires_at": referrals.expires_at(referral),
        },
        status=409 if error else 200,
    )
