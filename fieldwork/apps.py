from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    """Field visits to shopkeepers and employers, and the municipality's representation at fairs and events.

    Stands on `complaints` (a request raised on a visit becomes a case) and `employment` (employer visits).
    """

    name = "fieldwork"
    verbose_name = _("Field visits")

    def ready(self):
        from accounts import personal_data
        from fieldwork import access, retention

        post_migrate.connect(access.migrated, sender=self, dispatch_uid="fieldwork_groups")
        for rule in retention.RULES:
            personal_data.register_retention(rule)
