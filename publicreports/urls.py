from django.urls import path

from publicreports import fixed_views, views

app_name = "publicreports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/foto/<int:attachment_pk>/", views.photo, name="photo"),
    path("cozuldu-mu/<str:token>/", fixed_views.fixed, name="fixed"),
]
