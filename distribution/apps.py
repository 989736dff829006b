from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Çözüm Postası")

    def ready(self):
        from distribution import groups

        post_migrate.connect(groups.migrated, sender=self)
