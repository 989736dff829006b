from django.urls import path

from distribution import views

app_name = "distribution"
urlpatterns = [
    path("", views.my_routes, name="my_routes"),
    path("rota/<uuid:token>/", views.route, name="route"),
]
