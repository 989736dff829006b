from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("accounts/events/", views.my_events, name="mine"),
    path("accounts/events/<int:pk>/cancel/", views.cancel_registration, name="cancel"),
    # Subscribable feeds and downloads; the pages' own addresses cannot end in ".ics".
    path("takvim.ics", views.calendar_feed, name="feed"),
    path("takvim/<slug:assembly_slug>.ics", views.assembly_feed, name="assembly_feed"),
    path("takvim/etkinlik/<int:page_id>.ics", views.event_ics, name="event_ics"),
]
