from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Places")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from places import choices
        from places.models import Neighbourhood

        post_save.connect(choices.forget, sender=Neighbourhood, dispatch_uid="places_choices_saved")
        post_delete.connect(choices.forget, sender=Neighbourhood, dispatch_uid="places_choices_deleted")
