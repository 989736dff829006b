from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    """Field visits to shopkeepers and employers, and the municipality's representation at fairs and events.

    Stands on `complaints` (a request raised on a visit becomes a case) and `employment` (employer visits).
    """

    name = "fieldwork"
    verbose_name = _("Field visits")
