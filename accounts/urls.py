from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.download_data, name="download_data"),
    path("profile/consents/<int:pk>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("profile/consents/<slug:kind>/give/", views.give_consent, name="give_consent"),
    path("profile/delete/", views.delete_account, name="delete_account"),
]
