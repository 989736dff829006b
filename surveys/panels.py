"""A coordinator's dashboard: their assemblies' surveys taking answers now, with how many came in."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from assemblies.panels import add_page_buttons, kept_table
from surveys.models import SurveyPage

# Answers (and so the figures of the dashboard's table) change under this version; surveys/apps.py bumps it.
RESPONSES = "survey-responses"


def open_surveys(assemblies, now=None):
    """Live surveys below `assemblies` that take answers now (closing soonest first), with `answer_count`."""
    now = now or timezone.now()
    if not assemblies:
        return []
    under = Q()
    for assembly in assemblies:
        under |= Q(path__startswith=assembly.path, depth=assembly.depth + 1)
    surveys = list(
        SurveyPage.objects.live()
        .filter(under)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .annotate(answer_count=Count("responses"))
        .order_by("closes_at", "title")
    )
    for survey in surveys:
        # The public results page shows an editor the figures while the survey is still open.
        survey.results_url = survey.url + survey.reverse_subpage("results") if survey.url else ""
        survey.export_url = reverse("surveys_admin:export", args=[survey.pk, "xlsx"])
    return surveys


class OpenSurveysPanel(Component):
    name = "open_surveys"
    order = 40
    template_name = "surveys/admin/panels/open_surveys.html"

    def __init__(self, assemblies, user):
        self.assemblies = assemblies
        self.user = user

    def get_context_data(self, parent_context=None):
        add = add_page_buttons(self.assemblies, self.user, _("Add a survey"), "surveys", "surveypage")
        table = kept_table(
            "open-surveys",
            "surveys/admin/panels/open_surveys_table.html",
            self.assemblies,
            RESPONSES,
            lambda: {"surveys": open_surveys(self.assemblies)},
        )
        return {"table": table, "add_buttons": add}
