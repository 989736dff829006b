from django.urls import path

from events import converters, views  # noqa: F401 (converters registers <event_row_id:>)

app_name = "events"

urlpatterns = [
    path("accounts/events/", views.my_events, name="mine"),
    path("accounts/events/<event_row_id:pk>/cancel/", views.cancel_registration, name="cancel"),
    # Subscribable feeds and downloads; the pages' own addresses cannot end in ".ics".
    path("takvim.ics", views.calendar_feed, name="feed"),
    path("takvim/<slug:assembly_slug>.ics", views.assembly_feed, name="assembly_feed"),
    path("takvim/etkinlik/<event_row_id:page_id>.ics", views.event_ics, name="event_ics"),
]
