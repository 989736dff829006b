from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def search(request):
    """Full-text search over the live, public pages of the active language."""
    # NUL characters are dropped: no page holds one, and PostgreSQL refuses them in any query.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results_page = None
    if query:
        # Wagtail's parser turns quotes into phrases and plain words into terms, so
        # no user input reaches the database's full-text syntax raw.
        _filters, parsed = parse_query_string(query, operator="and")
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(parsed)
        paginator = Paginator(pages, SEARCH_RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
    return render(request, "home/search.html", {"query": query, "results_page": results_page})
