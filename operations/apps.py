from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the portal: health, metrics, logs, the page cache, backups and the retention of personal data."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from events.models import Registration
        from operations import pagecache

        # Any page may list any other (news on the home page, events in the calendars): purge them all.
        page_published.connect(pagecache.purge_all_on_commit, dispatch_uid="pagecache_published")
        page_unpublished.connect(pagecache.purge_all_on_commit, dispatch_uid="pagecache_unpublished")
        post_page_move.connect(pagecache.purge_all_on_commit, dispatch_uid="pagecache_moved")
        post_delete.connect(pagecache.purge_all_on_commit, sender=Page, dispatch_uid="pagecache_deleted")

        def setting_saved(sender, **kwargs):
            if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
                pagecache.purge_all_on_commit()

        post_save.connect(setting_saved, weak=False, dispatch_uid="pagecache_setting")

        def registrations_changed(sender, instance, **kwargs):
            pagecache.purge_page_on_commit(instance.event_id)

        post_save.connect(registrations_changed, sender=Registration, weak=False, dispatch_uid="pagecache_seats")
        post_delete.connect(registrations_changed, sender=Registration, weak=False, dispatch_uid="pagecache_unseat")

        # The council's records are shown by its page's routes, the open data and the sitemap, not by pages of
        # their own: a body's seats, a meeting (announced, cancelled, minutes approved), an opinion's steps.
        from council.models import AgendaItem, Body, Meeting, Opinion, OpinionStep, Seat

        for model in (Body, Seat, Meeting, AgendaItem, Opinion, OpinionStep):
            post_save.connect(pagecache.purge_all_on_commit, sender=model, dispatch_uid=f"pagecache_{model.__name__}")
            post_delete.connect(
                pagecache.purge_all_on_commit, sender=model, dispatch_uid=f"pagecache_{model.__name__}_deleted"
            )
