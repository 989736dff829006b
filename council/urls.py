"""The council's addresses outside its page (under /konsey/): actions and files that need no page of their own.

Each slice adds its own block below; the public pages themselves are CouncilPage's routes.
"""

from django.urls import path

from council import bulletin_views, follow_views

app_name = "council"

urlpatterns = []

# Following and the weekly digest.
urlpatterns += [
    path("takip/", follow_views.my_follows, name="my_follows"),
    path("takip/<str:kind>/<int:pk>/", follow_views.follow, name="follow"),
    path("takip/<str:kind>/<int:pk>/birak/", follow_views.unfollow, name="unfollow"),
    path("takip/bulten/durdur/<str:token>/", follow_views.stop_digest, name="stop_digest"),
]

# Bulletins: a member's preferences, and the unsubscribe link of every bulletin (RFC 8058 one-click).
urlpatterns += [
    path("bultenler/", bulletin_views.preferences, name="bulletin_preferences"),
    path("bulten/cik/<str:token>/", bulletin_views.unsubscribe, name="bulletin_unsubscribe"),
]
