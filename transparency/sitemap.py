"""The dashboard and the open-data catalogue for /sitemap.xml, in every language (no query)."""

from theme.sitemaps import NamedRoutesSitemap


class TransparencySitemap(NamedRoutesSitemap):
    routes = ["transparency:dashboard", "transparency:catalogue"]
