"""The centre's check of newly registered firms in the Wagtail admin ("Onay bekleyen firmalar").

Only the İstihdam Merkezi group and administrators see it: verifying a firm makes its vacancies public.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from employment import access, employers
from employment.models import Firm

RECENTLY_VERIFIED = 20


def _centre_only(user):
    if not access.is_centre_staff(user):
        raise PermissionDenied


def pending(request):
    """Firms waiting for the centre's check, the oldest first; the last ones verified below."""
    _centre_only(request.user)
    waiting = employers.awaiting_verification().select_related("neighbourhood").prefetch_related("members__user")
    verified = Firm.objects.verified().select_related("verified_by").order_by("-verified_at")[:RECENTLY_VERIFIED]
    return TemplateResponse(
        request,
        "employment/admin/firms_pending.html",
        {"page_title": _("Firms awaiting verification"), "waiting": waiting, "verified": verified},
    )


@require_POST
def verify(request, pk):
    _centre_only(request.user)
    firm = get_object_or_404(Firm, pk=pk)
    if employers.verify_firm(firm, request.user):
        messages.success(
            request,
            _("%(firm)s is verified; its published vacancies are public and its contact is told by e-mail.")
            % {"firm": firm.name},
        )
    else:
        messages.info(request, _("%(firm)s was already verified.") % {"firm": firm.name})
    return redirect("employment_firms:pending")


urls = (
    [
        path("", pending, name="pending"),
        path("<int:pk>/verify/", verify, name="verify"),
    ],
    "employment_firms",
)


class PendingFirmsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_centre_staff(request.user)


def menu_item():
    """The item in the İstihdam Merkezi menu (employment/wagtail_hooks.py)."""
    return PendingFirmsMenuItem(
        gettext_lazy("Firms awaiting verification"),
        reverse("employment_firms:pending"),
        icon_name="tasks",
        order=20,
    )


def register(menu_hook):
    """Called once from employment/wagtail_hooks.py: the admin addresses, and the item in the centre's menu."""
    hooks.register("register_admin_urls", lambda: [path("employment/firms/", include(urls))])
    hooks.register(menu_hook, menu_item)
