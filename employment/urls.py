from django.urls import path  # noqa: F401

app_name = "employment"

# Public: the vacancy list and pages, a job seeker's CV, a firm's own area. Filled in by the slices.
urlpatterns = []
