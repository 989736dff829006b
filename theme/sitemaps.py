"""Pages that are views rather than Wagtail pages, for /sitemap.xml in every language (no query)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class NamedRoutesSitemap(Sitemap):
    """The addresses of `routes` (URL names), each in every language (/refakat/ and /en/refakat/)."""

    routes = []
    i18n = True
    changefreq = "daily"

    def __init__(self, request=None):
        self.request = request  # Wagtail's sitemap view hands every sitemap the request

    def items(self):
        return list(self.routes)

    def location(self, item):
        return reverse(item)
