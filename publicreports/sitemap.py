"""The public list and every public report for /sitemap.xml, in every language (one query)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from publicreports.reports import public_cases


class PublicReportSitemap(Sitemap):
    i18n = True  # each address once per language: /bildirimler/… and /en/bildirimler/…

    def __init__(self, request=None):
        self.request = request  # Wagtail's sitemap view hands every sitemap the request

    def items(self):
        reports = public_cases().order_by("pk").values_list("pk", "received_at")
        return [(None, None), *reports]

    def location(self, item):
        pk = item[0]
        return reverse("publicreports:report", args=[pk]) if pk else reverse("publicreports:list")

    def lastmod(self, item):
        return item[1]

    def changefreq(self, item):
        return "daily" if item[0] is None else None
