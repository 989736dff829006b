"""Public pages of the council's opinions: the list with its filters and overview, and each opinion's timeline."""

from django.http import Http404


def index(request, page):
    raise Http404


def detail(request, page, year, sequence):
    raise Http404
