"""Approved minutes as a PDF; unapproved minutes are not published anywhere.

The meeting page shows the same minutes through `council/includes/minutes.html`, which renders nothing of them
before approval either.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Meeting


def published_meetings():
    """Meetings whose minutes anyone may read: approved, of a body shown on the site."""
    return Meeting.objects.with_published_minutes().filter(body__is_public=True).select_related("body")


def render_pdf(request, meeting, *, draft=False):
    """The minutes laid out for print by WeasyPrint; `draft` marks every page as not yet approved."""
    from weasyprint import HTML

    items = list(meeting.agenda_items.all())
    html = render_to_string(
        "council/minutes_print.html",
        {"meeting": meeting, "items": items, "draft": draft, "title": _("Minutes")},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate(meeting.starts_at).isoformat()
    response["Content-Disposition"] = f'inline; filename="tutanak-{meeting.body.slug}-{day}.pdf"'
    if draft:
        response["Cache-Control"] = "private, no-store"
    return response


def pdf(request, page, pk):
    """The approved minutes of meeting `pk` as a PDF; 404 before approval (and for a body not shown)."""
    if pk > 2**31:
        raise Http404
    meeting = get_object_or_404(published_meetings(), pk=pk)
    return render_pdf(request, meeting)
