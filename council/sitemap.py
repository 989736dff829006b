"""The council page's addresses for /sitemap.xml: its routes, and each public body, meeting and opinion.

The records are read once per sitemap request (three queries) however many council pages (one per language)
and records there are; each language's page lists them under its own address.
"""

from django.db.models import Max


def _records(request):
    from council.models import Body
    from council.open_data import public_meetings, public_opinions

    cached = getattr(request, "_council_sitemap_records", None)
    if cached is not None:
        return cached
    records = {
        "bodies": list(Body.objects.public().order_by("sort_order", "name").values_list("slug", flat=True)),
        "meetings": list(public_meetings().order_by("starts_at", "pk").values_list("pk", "minutes_approved_at")),
        "opinions": list(
            public_opinions()
            .order_by("year", "sequence")
            .annotate(changed=Max("steps__recorded_at"))
            .values_list("year", "sequence", "changed", "created_at")
        ),
    }
    if request is not None:
        request._council_sitemap_records = records
    return records


def urls(page, request=None):
    """Wagtail's sitemap entries for `page` (a CouncilPage): the page itself first, then its routes."""
    own = page.get_full_url(request)
    lastmod = page.last_published_at or page.latest_revision_created_at
    records = _records(request)

    def entry(route, changed=None, **kwargs):
        return {"location": own + page.reverse_subpage(route, kwargs=kwargs or None), "lastmod": changed or lastmod}

    entries = [{"location": own, "lastmod": lastmod}]
    entries += [entry("body", slug=slug) for slug in records["bodies"]]
    entries.append(entry("meetings"))
    entries += [entry("meeting", approved, pk=pk) for pk, approved in records["meetings"]]
    entries.append(entry("opinions"))
    entries += [
        entry("opinion", changed or created, year=str(year), sequence=str(sequence))
        for year, sequence, changed, created in records["opinions"]
    ]
    entries.append(entry("open_data"))
    return entries
