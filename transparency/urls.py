from django.urls import path

from transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("veri/", views.catalogue, name="catalogue"),
]
