from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    """İstihdam Merkezi: job seekers' CVs, firms and their vacancies, matching, referrals and placements.

    Stands on `accounts` and `places`; nothing below imports it (`fieldwork` links its employer visits here).
    """

    name = "employment"
    verbose_name = _("Employment centre")

    def ready(self):
        from employment import access

        post_migrate.connect(access.migrated, sender=self, dispatch_uid="employment_groups")
        from employment import seekers

        seekers.connect()
