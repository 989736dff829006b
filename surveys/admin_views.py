from django.http import Http404
from wagtail.models import Page

from surveys import export
from surveys.models import SurveyPage


def editable_survey(request, page_id):
    """The survey, if this user may edit it (coordinators: only their own assembly's surveys)."""
    survey = SurveyPage.objects.filter(pk=page_id).first()
    # Another assembly's survey is answered as if it did not exist.
    if survey is None or not survey.permissions_for_user(request.user).can_edit():
        raise Http404
    return survey


def export_answers(request, page_id, export_format):
    survey = editable_survey(request, page_id)
    if export_format == "csv":
        return export.csv_response(survey)
    if export_format == "xlsx":
        return export.xlsx_response(survey)
    raise Http404


def page_for_buttons(page):
    if isinstance(page, Page) and page.specific_class is SurveyPage:
        return page.specific_deferred
    return None
