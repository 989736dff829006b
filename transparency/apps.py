from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """The public transparency dashboard and the register's open data (issue 19).

    Reads the register's own figures (complaints.statistics) and its public reports (Case.objects.public());
    keeps nothing of its own but what the cache holds.
    """

    name = "transparency"
    verbose_name = _("Transparency")
