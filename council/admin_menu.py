"""The "Kent Konseyi" group of the admin menu, which every council slice adds its screens to.

A viewset joins it with `menu_hook = admin_menu.MENU_HOOK` (instead of `add_to_admin_menu`), a plain page
with `@hooks.register(admin_menu.MENU_HOOK)` returning a `MenuItem` (with its own `is_shown`). The group
shows only when one of its items is shown to the user, so it stays out of other roles' menus.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

MENU_HOOK = "register_council_menu_item"
# The group's items, in the order they appear (a slice takes a number in its own band).
ORDER_BODIES = 10
ORDER_ORGANISATIONS = 20
ORDER_MEETINGS = 30
ORDER_OPINIONS = 40
ORDER_BULLETINS = 50
ORDER_OPEN_DATA = 60


class CouncilMenu(ViewSetGroup):
    menu_label = _("City council")
    menu_name = "council"
    menu_icon = "group"
    menu_order = 215
    submenu_hook = MENU_HOOK
