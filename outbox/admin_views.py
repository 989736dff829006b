"""The outbox in the Wagtail admin ("E-posta kutusu"): e-mails waiting, retrying or given up, with a retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox import mail
from outbox.models import Message, Status


def may_manage(user):
    """The people who run the site: administrators, and staff given the outbox's retry permission."""
    return user.is_superuser or user.has_perm("outbox.retry_message")


def index(request):
    if not may_manage(request.user):
        raise PermissionDenied
    shown = Message.objects.unsent()
    wanted = request.GET.get("status", "")
    if wanted in (Status.PENDING, Status.RETRYING, Status.FAILED):
        shown = shown.filter(status=wanted)
    page = Paginator(shown.only(*LISTED), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "outbox/admin/index.html",
        {
            "page_title": _("E-mail outbox"),
            "page": page,
            "wanted": wanted,
            "filters": [("", _("All unsent"))] + [(status.value, status.label) for status in LISTED_STATUSES],
        },
    )


LISTED = ["pk", "recipient", "subject", "status", "attempts", "last_error", "created_at", "next_attempt_at"]
LISTED_STATUSES = (Status.FAILED, Status.RETRYING, Status.PENDING)


@require_POST
def retry(request, pk):
    if not may_manage(request.user):
        raise PermissionDenied
    message = get_object_or_404(Message.objects.unsent(), pk=pk)
    status = mail.retry_now(message)
    message.refresh_from_db()
    if status == Status.SENT:
        messages.success(request, _("Sent to %(recipient)s.") % {"recipient": message.recipient})
    else:
        messages.error(request, _("Still failing: %(error)s") % {"error": message.last_error})
    return redirect("outbox:index")
