from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from surveys import admin_views

app_urls = (
    [path("<int:page_id>/export/<str:export_format>/", admin_views.export_answers, name="export")],
    "surveys_admin",
)


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [path("surveys/", include(app_urls))]


def _survey_buttons(page, user, priority):
    survey = admin_views.page_for_buttons(page)
    if survey is None or not page.permissions_for_user(user).can_edit():
        return []
    buttons = [
        Button(
            _("Export answers (Excel)"),
            url=reverse("surveys_admin:export", args=[page.pk, "xlsx"]),
            icon_name="download",
            priority=priority + 1,
        ),
        Button(
            _("Export answers (CSV)"),
            url=reverse("surveys_admin:export", args=[page.pk, "csv"]),
            icon_name="download",
            priority=priority + 2,
        ),
    ]
    if page.live:
        buttons.insert(
            0,
            Button(
                _("Results"), url=survey.url + survey.reverse_subpage("results"), icon_name="table", priority=priority
            ),
        )
    return buttons


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    return _survey_buttons(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    return _survey_buttons(page, user, priority=40)


@hooks.register("construct_homepage_panels")
def coordinator_surveys(request, panels):
    """The coordinator's open surveys with their answer counts (assemblies' hook clears the rest)."""
    from assemblies.coordinators import coordinated_assembly_list
    from surveys.panels import OpenSurveysPanel

    if request.user.is_superuser:
        return
    assemblies = coordinated_assembly_list(request.user)
    if assemblies:
        panels.append(OpenSurveysPanel(assemblies, request.user))
