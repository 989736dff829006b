from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscortConfig(AppConfig):
    """Danışma ve Refakat: escorts booked for disabled, elderly and illiterate visitors to the service building.

    Stands on `accounts`, `outbox` and `places`.
    """

    name = "escort"
    verbose_name = _("Reception and escort")
