from django.urls import path

from assemblies import views

app_name = "assemblies"

urlpatterns = [
    path("", views.my_assemblies, name="mine"),
    path("<int:pk>/leave/", views.leave, name="leave"),
]
