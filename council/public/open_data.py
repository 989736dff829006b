"""The open-data page: the council's meetings, attendance, minutes and opinions as CSV and JSON."""

from django.http import Http404


def index(request, page):
    raise Http404
