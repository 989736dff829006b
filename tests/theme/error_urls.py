"""The site's addresses, and two more that fail on purpose, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler400, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a failure on purpose")


urlpatterns = [
    *i18n_patterns(path("yasak/", forbidden), path("bozuk/", broken), prefix_default_language=False),
    *site_urlpatterns,
]
