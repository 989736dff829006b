"""Approved minutes as a PDF; unapproved minutes are not published anywhere."""

from django.http import Http404


def pdf(request, page, pk):
    raise Http404
