"""The council's addresses outside its page (under /konsey/): actions and files that need no page of their own.

Each slice adds its own block below; the public pages themselves are CouncilPage's routes.
"""

app_name = "council"

urlpatterns = []
