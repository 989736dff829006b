from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestion box")

    def ready(self):
        from django.db.models.signals import post_save

        from complaints.models import Case, Directorate, Topic
        from places.models import Neighbourhood
        from suggestions import nearby
        from suggestions.forms import CHOICES
        from theme import chrome

        # The box's kept topics (with their directorates) and neighbourhoods are read again after any change.
        chrome.keep_records_version(CHOICES, Topic, Directorate, Neighbourhood)
        post_save.connect(nearby.offered_changed, sender=Case, dispatch_uid="suggestions-offered-reports")
