from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from complaints import views as complaints_views
from council import open_data as council_open_data
from employment.sitemap import VacancySitemap
from escort.sitemap import EscortSitemap
from home import views as home_views
from home.sitemap import AllLanguagesSitemap
from publicreports.sitemap import PublicReportSitemap
from suggestions import open311
from suggestions import views as suggestions_views
from theme import admin_scope
from transparency import open_data as transparency_open_data
from transparency.sitemap import TransparencySitemap


class AdminLoginRedirect(RedirectView):
    """The admin's own login form would bypass allauth and its rate limits."""

    pattern_name = "account_login"
    query_string = True


# The site's own pages for errors that Django would answer in bare English (403, 404 and 429 are templates).
handler400 = "theme.views.bad_request"
handler500 = "theme.views.server_error"

urlpatterns = [
    path("", include("operations.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "pages": AllLanguagesSitemap,
                "vacancies": VacancySitemap,
                "escort": EscortSitemap,
                "reports": PublicReportSitemap,
                "transparency": TransparencySitemap,
            }
        },
        name="sitemap",
    ),
    path("open311/v2/", include((open311.urls(), "open311"))),
    re_path(r"^open311/", open311.not_found),  # other versions and addresses: the spec's 404, not a page
    # The council's open data: addresses that follow no page's slug and no language (council/open_data.py).
    path("acik-veri/kent-konseyi/", include((council_open_data.urls(), "open_data"))),
    # The register's open data: the same addresses in every language (transparency/open_data.py).
    path("seffaflik/veri/", include((transparency_open_data.urls(), "transparency_data"))),
    path("handoff/updates/", complaints_views.handoff_update, name="handoff_update"),
    path("admin/login/", AdminLoginRedirect.as_view()),
    # Ahead of Wagtail's own dispatcher, which fetched any object by id for any staff login (theme.admin_scope).
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        never_cache(require_admin_access(admin_scope.bulk_action)),
    ),
    # Wagtail's site-wide log names records of every scope (older entries by the person's name): administrators only.
    path("admin/reports/site-history/", admin_scope.administrators_only(LogEntriesView.as_view())),
    path(
        "admin/reports/site-history/results/",
        admin_scope.administrators_only(LogEntriesView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/assemblies/", include("assemblies.urls")),
    path("accounts/applications/", include("suggestions.urls")),
    path("", include("events.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("search/", home_views.search, name="search"),
    path("cozum-postasi/", include("distribution.urls")),
    path("konsey/", include("council.urls")),
    path("istihdam/", include("employment.urls")),
    path("saha/", include("fieldwork.urls")),
    path("refakat/", include("escort.urls")),
    path("bildirimler/", include("publicreports.urls")),
    path("seffaflik/", include("transparency.urls")),
    path("oneri-kutusu-gonder/<int:box_id>/", suggestions_views.submit, name="suggestion_submit"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
