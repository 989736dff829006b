from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council's own work: bodies and seats, meetings, minutes, opinions, bulletins, following, open data.

    Stands on `assemblies` and `events`; neither of them imports anything from here.
    """

    name = "council"
    verbose_name = _("City council")
