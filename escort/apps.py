from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EscortConfig(AppConfig):
    """Danışma ve Refakat: escorts booked for disabled, elderly and illiterate visitors to the service building.

    Stands on `accounts`, `outbox` and `places`.
    """

    name = "escort"
    verbose_name = _("Reception and escort")

    def ready(self):
        from accounts import personal_data
        from escort import groups, retention

        post_migrate.connect(groups.migrated, sender=self, dispatch_uid="escort_groups")
        for rule in retention.RULES:
            personal_data.register_retention(rule)
