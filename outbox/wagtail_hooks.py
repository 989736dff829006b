from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from outbox import admin_views
from outbox.models import Message


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.index, name="index"),
        path("<int:pk>/retry/", admin_views.retry, name="retry"),
    ]
    return [path("outbox/", include((urls, "outbox")))]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage(request.user)


@hooks.register("register_settings_menu_item")
def outbox_menu_item():
    return OutboxMenuItem(_("E-mail outbox"), reverse("outbox:index"), icon_name="mail", order=900)


class FailedMailPanel(Component):
    """How many e-mails were given up, for administrators: a mail server that refuses everything shows here."""

    name = "outbox_failed"
    order = 5
    template_name = "outbox/admin/failed_panel.html"

    def __init__(self, failed):
        self.failed = failed

    def get_context_data(self, parent_context=None):
        return {"failed": self.failed, "url": reverse("outbox:index") + "?status=failed"}


@hooks.register("construct_homepage_panels")
def failed_mail_panel(request, panels):
    if request.user.is_superuser:
        failed = Message.objects.failed().count()
        if failed:
            panels.append(FailedMailPanel(failed))
