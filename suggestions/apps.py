from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestion box")

    def ready(self):
        from complaints import open311
        from suggestions.forms import SuggestionForm

        open311.register_intake_form(SuggestionForm)  # the box's rules for what a posted request must carry
