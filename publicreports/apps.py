from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicReportsConfig(AppConfig):
    """The register's public face: a page for every public report, the public list and map, staff's
    publishing check (text, photos with blurred areas, hiding) and the resident's "Is it fixed?".

    Reads `complaints` (its rules of what may be shown: Case.objects.public, complaints/publication.py);
    nothing below imports it.
    """

    name = "publicreports"
    verbose_name = _("Public reports")
