"""Public pages of the council's bodies: who sits on them, for which organisation, in which term."""

from django.http import Http404


def overview(request, page):
    return page.render(request)


def detail(request, page, slug):
    raise Http404
