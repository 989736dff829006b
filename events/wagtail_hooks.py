from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from events import admin_views, converters  # noqa: F401 (converters registers <event_row_id:>)
from events.models import EventPage

app_urls = (
    [
        path("import/", admin_views.ics_import, name="import"),
        path("<event_row_id:page_id>/attendees/", admin_views.attendees, name="attendees"),
        path("<event_row_id:page_id>/sign-in-sheet/", admin_views.sign_in_sheet, name="sign_in_sheet"),
    ],
    "events_admin",
)


@hooks.register("register_admin_urls")
def register_event_urls():
    return [path("events/", include(app_urls))]


def _attendee_button(page, user, priority):
    event = admin_views.page_for_buttons(page)
    if event is None or event.registration == EventPage.Registration.NONE:
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            _("Attendees"), url=reverse("events_admin:attendees", args=[page.pk]), icon_name="group", priority=priority
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def attendee_listing_button(page, user, next_url=None):
    return _attendee_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def attendee_header_button(page, user, view_name, next_url=None):
    return _attendee_button(page, user, priority=40)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_import(request.user)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(_("Import events (.ics)"), reverse("events_admin:import"), icon_name="date", order=220)


@hooks.register("construct_homepage_panels")
def coordinator_events(request, panels):
    """The coordinator's next events, with registrations and places left (assemblies' hook clears the rest)."""
    from assemblies.coordinators import coordinated_assembly_list
    from events.panels import NextEventsPanel

    if request.user.is_superuser:
        return
    assemblies = coordinated_assembly_list(request.user)
    if assemblies:
        panels.append(NextEventsPanel(assemblies, request.user))
