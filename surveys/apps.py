from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import personal_data
        from assemblies import components
        from surveys import responses
        from surveys.models import SurveyPage

        components.register(
            components.Component(
                name="surveys",
                heading=_("Surveys"),
                template="surveys/includes/assembly_surveys.html",
                items=lambda assembly, request: SurveyPage.objects.for_listing(assembly.locale_id, parent=assembly),
                order=20,
            )
        )
        personal_data.register(
            personal_data.Section("survey_answers", responses.export_for_person, responses.detach_person)
        )
        from surveys import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
        from surveys.models import Response
        from surveys.panels import RESPONSES
        from theme import chrome

        # The coordinator's dashboard keeps its table of open surveys until an answer comes or goes (panels.py).
        chrome.keep_records_version(RESPONSES, Response)
