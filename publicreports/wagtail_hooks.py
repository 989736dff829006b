from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from publicreports import admin_views, moderation

hooks.register("register_admin_urls", admin_views.urls)


class WaitingMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.may_moderate(request.user)


@hooks.register("register_admin_menu_item")
def publishing_check_menu_item():
    """The call centre's queue of reports whose residents agreed to publishing, waiting for the check."""
    return WaitingMenuItem(_("Publishing check"), admin_views.waiting_url(), icon_name="view", order=222)
