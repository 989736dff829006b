from django.urls import path

from fieldwork import views

app_name = "fieldwork"

urlpatterns = [
    path("", views.today, name="today"),
    path("ziyaretler/", views.visit_list, name="visits"),
    path("ziyaret/yeni/", views.new_visit, name="new_visit"),
    path("ziyaret/<int:pk>/", views.visit_detail, name="visit"),
    path("ziyaret/<int:pk>/duzenle/", views.edit_visit, name="edit_visit"),
    path("temsil/<int:pk>/", views.representation_detail, name="representation"),
    path("talep/<int:pk>/basvuru/", views.open_case, name="open_case"),
]
