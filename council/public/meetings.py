"""Public pages of the council's meetings: agenda and, once approved, the minutes (page and PDF)."""

from django.http import Http404


def index(request, page):
    raise Http404


def detail(request, page, pk):
    raise Http404
