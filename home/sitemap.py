from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap, listing the pages of every language, not only the active one."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        return (
            self.get_wagtail_site()
            .root_page.__class__.objects.filter(in_any_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
