from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from accounts import personal_data
        from assemblies import components
        from events import calendar, signals

        components.register(
            components.Component(
                name="events",
                heading=_("Calendar"),
                template="events/includes/assembly_calendar.html",
                head_template="events/includes/feed_link.html",
                items=lambda assembly, request: calendar.calendar_context(request, assembly, assembly=assembly),
                order=5,
            )
        )
        personal_data.register(personal_data.Section("event_registrations", signals.export_registrations))
        personal_data.account_links.append((_("My event registrations"), "events:mine"))
        page_published.connect(signals.after_publish, dispatch_uid="events_after_publish")
        signals.connect_feed_invalidation()
        from events.models import Registration
        from events.panels import REGISTRATIONS
        from theme import chrome

        # The coordinator's dashboard keeps its table of next events until a registration changes (events/panels.py).
        chrome.keep_records_version(REGISTRATIONS, Registration)
        from events import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
