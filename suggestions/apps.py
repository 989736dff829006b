from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestion box")

    def ready(self):
        from complaints.models import Directorate, Topic
        from places.models import Neighbourhood
        from suggestions.forms import CHOICES
        from theme import chrome

        # The box's kept topics (with their directorates) and neighbourhoods are read again after any change.
        chrome.keep_records_version(CHOICES, Topic, Directorate, Neighbourhood)
