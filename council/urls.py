"""The council's addresses outside its page (under /konsey/): actions and files that need no page of their own.

Each slice adds its own block below; the public pages themselves are CouncilPage's routes.
"""

from django.urls import path

from council import follow_views

app_name = "council"

urlpatterns = []

# Following and the weekly digest.
urlpatterns += [
    path("takip/", follow_views.my_follows, name="my_follows"),
    path("takip/<str:kind>/<int:pk>/", follow_views.follow, name="follow"),
    path("takip/<str:kind>/<int:pk>/birak/", follow_views.unfollow, name="unfollow"),
    path("takip/bulten/durdur/<str:token>/", follow_views.stop_digest, name="stop_digest"),
]
