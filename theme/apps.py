from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    name = "theme"
    verbose_name = _("Theme")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, PageViewRestriction, Site
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from theme import admin_frame, chrome, text
        from theme.models import SiteSettings

        text.install_turkish_capfirst()
        text.install_turkish_counts()
        admin_frame.install()

        # What the cached frame of every page (theme/chrome.py) shows can change with any of these.
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(chrome.bump_version, dispatch_uid=f"theme-chrome-{signal}")
        post_delete.connect(chrome.page_deleted, dispatch_uid="theme-chrome-page-deleted")
        request_started.connect(chrome.start_request, dispatch_uid="theme-chrome-start-request")
        request_finished.connect(chrome.end_request, dispatch_uid="theme-chrome-end-request")
        # Wagtail looks the site up in the database on every request; the frame's copy answers the same.
        Site.find_for_request = staticmethod(chrome.find_site_for_request)
        for model in (SiteSettings, Site, Locale, PageViewRestriction):
            post_save.connect(chrome.bump_version, sender=model, dispatch_uid=f"theme-chrome-{model.__name__}")
            post_delete.connect(chrome.bump_version, sender=model, dispatch_uid=f"theme-chrome-del-{model.__name__}")
