"""The dashboard and the open-data catalogue for /sitemap.xml, in every language (no query)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class TransparencySitemap(Sitemap):
    i18n = True  # /seffaflik/ and /en/seffaflik/
    changefreq = "daily"

    def __init__(self, request=None):
        self.request = request  # Wagtail's sitemap view hands every sitemap the request

    def items(self):
        return ["transparency:dashboard", "transparency:catalogue"]

    def location(self, item):
        return reverse(item)
