from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Çözüm Postası")

    def ready(self):
        from distribution import groups

        post_migrate.connect(groups.migrated, sender=self)
        from accounts import personal_data
        from distribution import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
