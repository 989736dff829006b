"""The İstihdam Merkezi group of the admin menu and the screens in it.

A viewset joins the group with `menu_hook = MENU_HOOK`, a plain page with `@hooks.register(MENU_HOOK)` returning
a `MenuItem` with its own `is_shown`; the group shows only when one of its items is shown to the user.
Only the centre's staff (group İstihdam Merkezi) and administrators see any of it (employment/admin_centre.py).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from employment import access, admin_centre, admin_figures, admin_firms, admin_occupations, panels

MENU_HOOK = "register_employment_menu_item"


class EmploymentMenu(ViewSetGroup):
    menu_label = _("Employment centre")
    menu_name = "employment"
    menu_icon = "user"
    menu_order = 240
    submenu_hook = MENU_HOOK


hooks.register("register_admin_viewset", EmploymentMenu)
admin_centre.register_scopes()
for viewset in admin_centre.viewsets(MENU_HOOK):
    hooks.register("register_admin_viewset", lambda viewset=viewset: viewset)


@hooks.register("register_admin_viewset")
def occupations_viewset():
    # Reference data, but the centre's screen all the same: its staff (and administrators) only.
    viewset_class = type(
        "CentreOccupationViewSet", (admin_centre.StaffOnlyViewSetMixin, admin_occupations.OccupationViewSet), {}
    )
    return viewset_class(
        "employment_occupations", url_prefix="employment/occupations", menu_hook=MENU_HOOK, menu_order=90
    )


hooks.register("register_admin_urls", admin_figures.urls)
hooks.register(MENU_HOOK, admin_figures.menu_item)
admin_firms.register(MENU_HOOK)
hooks.register("construct_homepage_panels", panels.centre_dashboard)
hooks.register("construct_homepage_summary_items", panels.centre_summary, order=100)


@hooks.register("insert_global_admin_css")
def centre_css():
    return format_html('<link rel="stylesheet" href="{}">', static("employment/admin.css"))


@hooks.register("login_redirect_url")
def employers_start_in_their_area(request):
    """A firm's user starts in the firm's area (vacancies and candidates), not on the account page."""
    from django.urls import reverse

    user = request.user
    if not user.is_staff and not access.is_centre_staff(user) and access.firms_of(user).exists():
        return reverse("employment:employer")
    return None
