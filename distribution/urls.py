from django.urls import path

from distribution import views

app_name = "distribution"
urlpatterns = [path("rota/<uuid:token>/", views.route, name="route")]
