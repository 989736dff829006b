from django.urls import path

from escort import views

app_name = "escort"

urlpatterns = [
    path("", views.book, name="book"),
    path("tamam/", views.done, name="done"),
    path("gunluk/", views.day, name="day"),
]
