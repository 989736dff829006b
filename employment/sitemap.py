"""The public vacancy list and each public vacancy for /sitemap.xml, in every language (two queries)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from employment.models import Vacancy


class VacancySitemap(Sitemap):
    i18n = True  # each address once per language: /istihdam/… and /en/istihdam/…

    def __init__(self, request=None):
        self.request = request  # Wagtail's sitemap view hands every sitemap the request

    def items(self):
        vacancies = Vacancy.objects.public().order_by("pk").values_list("pk", "published_at")
        return [("employment:vacancies", None, None), *(("employment:vacancy", pk, posted) for pk, posted in vacancies)]

    def location(self, item):
        name, pk, _posted = item
        return reverse(name, args=[pk] if pk else [])

    def lastmod(self, item):
        return item[2]

    def changefreq(self, item):
        return "daily" if item[1] is None else None
