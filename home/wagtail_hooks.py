from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from home import demo_logins


class DemoLoginsPanel(Component):
    """A red warning while the demo accounts sign in with the password printed in the README."""

    name = "demo_logins"
    order = 1
    template_name = "home/admin/demo_logins_panel.html"

    def get_context_data(self, parent_context=None):
        return {"password": demo_logins.DEMO_PASSWORD, "heading": _("Demo logins are active")}


@hooks.register("construct_homepage_panels")
def demo_logins_warning(request, panels):
    if request.user.is_superuser and demo_logins.public_password_works():
        panels.insert(0, DemoLoginsPanel())
