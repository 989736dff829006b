from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import Consent


class EvidencePolicy(ModelPermissionPolicy):
    """Consents are evidence: people with the view permission may read and export them, nobody edits."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ConsentViewSet(ModelViewSet):
    model = Consent
    icon = "lock"
    menu_label = _("KVKK consents")
    add_to_admin_menu = True
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["user", "kind", "document_title", "version", "given_at", "withdrawn_at"]
    list_filter = ["kind", "given_at"]
    list_export = ["user.email", "kind", "document_title", "document_url", "version", "given_at", "withdrawn_at"]
    export_filename = "kvkk-onaylari"
    search_fields = ["user__email", "user__first_name", "user__last_name", "document_title"]
    form_fields = ["kind"]


register_permission_policy(Consent, EvidencePolicy(Consent))


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return ConsentViewSet("consents")
