"""A member's bulletin preferences (/konsey/bultenler/) and the unsubscribe link every bulletin carries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from assemblies.models import Membership
from council import bulletins
from council.models import BulletinConsent, BulletinRecipient


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Bülten tercihlerim: agree to or withdraw from the bulletins of each assembly the person belongs to."""
    memberships = list(
        Membership.objects.approved()
        .filter(user=request.user)
        .select_related("assembly", "bulletin_consent")
        .order_by("assembly__path")
    )
    if request.method == "POST":
        membership = next((m for m in memberships if str(m.pk) == request.POST.get("membership")), None)
        if membership is None:
            raise Http404
        if request.POST.get("action") == "agree":
            bulletins.agree(membership)
            messages.success(
                request, _("You will receive the bulletins of %(assembly)s.") % {"assembly": membership.assembly.title}
            )
        elif request.POST.get("action") == "withdraw":
            bulletins.withdraw(membership)
            messages.success(
                request,
                _("You will no longer receive the bulletins of %(assembly)s.")
                % {"assembly": membership.assembly.title},
            )
        return redirect("council:bulletin_preferences")
    rows = []
    for membership in memberships:
        consent = getattr(membership, "bulletin_consent", None)
        rows.append(
            {
                "membership": membership,
                "consent": consent,
                "active": consent is not None and consent.active,
                "wording": bulletins.consent_wording(membership.assembly),
            }
        )
    return TemplateResponse(request, "council/bulletins/preferences.html", {"rows": rows})


@never_cache
@csrf_exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no session and no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page that asks for a click; POST (the button, or the mail client's one click): unsubscribed."""
    recipient = get_object_or_404(BulletinRecipient.objects.select_related("bulletin__assembly"), token=token)
    if request.method == "POST":
        bulletins.unsubscribe(token)
        return TemplateResponse(
            request, "council/bulletins/unsubscribed.html", {"assembly": recipient.bulletin.assembly}
        )
    standing = (
        recipient.membership_id is not None
        and BulletinConsent.objects.filter(membership_id=recipient.membership_id, withdrawn_at__isnull=True).exists()
    )
    return TemplateResponse(
        request,
        "council/bulletins/unsubscribe.html",
        {"assembly": recipient.bulletin.assembly, "standing": standing, "token": token},
    )
