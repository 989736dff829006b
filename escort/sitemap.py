"""The public escort booking for /sitemap.xml, in every language (no query)."""

from theme.sitemaps import NamedRoutesSitemap


class EscortSitemap(NamedRoutesSitemap):
    routes = ["escort:book"]
