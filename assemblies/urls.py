from django.urls import path

from assemblies import views

app_name = "assemblies"

urlpatterns = [
    path("", views.my_assemblies, name="mine"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("veli-onayi/<str:token>/", views.guardian, name="guardian"),
    path("verilerim/", views.data_request, name="data_request"),
    path("verilerim/<str:token>/", views.member_data, name="member_data"),
    path("verilerim/<str:token>/indir/", views.member_data_download, name="member_data_download"),
]
