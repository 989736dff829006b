"""The İstihdam Merkezi group of the admin menu and the screens in it.

A viewset joins the group with `menu_hook = MENU_HOOK`, a plain page with `@hooks.register(MENU_HOOK)` returning
a `MenuItem` with its own `is_shown`; the group shows only when one of its items is shown to the user.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from employment import admin_figures, admin_firms, admin_occupations

MENU_HOOK = "register_employment_menu_item"


class EmploymentMenu(ViewSetGroup):
    menu_label = _("Employment centre")
    menu_name = "employment"
    menu_icon = "user"
    menu_order = 240
    submenu_hook = MENU_HOOK


hooks.register("register_admin_viewset", EmploymentMenu)


@hooks.register("register_admin_viewset")
def occupations_viewset():
    return admin_occupations.OccupationViewSet(
        "employment_occupations", url_prefix="employment/occupations", menu_hook=MENU_HOOK, menu_order=90
    )


hooks.register("register_admin_urls", admin_figures.urls)
hooks.register(MENU_HOOK, admin_figures.menu_item)
admin_firms.register(MENU_HOOK)
