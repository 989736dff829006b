"""The public escort booking for /sitemap.xml, in every language (no query)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class EscortSitemap(Sitemap):
    i18n = True  # /refakat/ and /en/refakat/
    changefreq = "daily"

    def __init__(self, request=None):
        self.request = request  # Wagtail's sitemap view hands every sitemap the request

    def items(self):
        return ["escort:book"]

    def location(self, item):
        return reverse(item)
