from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from theme.models import PortalPageQuerySet


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap, listing the pages of every language, not only the active one."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        # Each page as its own type (a type may list more addresses), built from the base rows alone: one query
        # however many types there are. A type that overrides get_sitemap_urls with its own fields would load
        # them one page at a time, which tests/home/test_query_counts.py would show.
        return PortalPageQuerySet(Page).filter(in_any_tree).live().public().order_by("path").specific(defer=True)
