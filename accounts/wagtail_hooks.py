from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import Consent, ConsentProof
from theme.exports import LocalSpreadsheetExportMixin


class EvidencePolicy(ModelPermissionPolicy):
    """Consents are evidence: people with the view permission may read and export them, nobody edits."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ConsentIndexView(LocalSpreadsheetExportMixin, generic.IndexView):
    pass


class ConsentInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # Wagtail shows a missing value (not withdrawn yet) as "None".
        return "—" if value is None else value


class ConsentViewSet(ModelViewSet):
    model = Consent
    icon = "lock"
    menu_label = _("KVKK consents")
    add_to_admin_menu = True
    menu_order = 900
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ConsentIndexView
    inspect_view_class = ConsentInspectView
    # Not the revision: Wagtail names it '"Açık Rıza Metni" at 2026-12-06 04:24:02.792875+00:00'.
    inspect_view_fields = ["user", "kind", "document_title", "document_url", "version", "given_at", "withdrawn_at"]
    list_display = ["user", "kind", "document_title", "version", "given_at", "withdrawn_at"]
    list_filter = ["kind", "given_at"]
    list_export = ["user.email", "kind", "document_title", "document_url", "version", "given_at", "withdrawn_at"]
    export_filename = "kvkk-onaylari"
    search_fields = ["user__email", "user__first_name", "user__last_name", "document_title"]
    form_fields = ["kind"]


register_permission_policy(Consent, EvidencePolicy(Consent))


class ConsentProofIndexView(generic.IndexView):
    template_name = "accounts/admin/consent_proofs_index.html"

    @property
    def no_results_message(self):
        if self.is_searching and "@" in self.search_query:
            return _("No erased account with this e-mail address left a consent proof.")
        if not self.is_searching and not self.is_filtering:
            return _("No account has been erased yet; the consents of existing accounts are under KVKK consents.")
        return super().no_results_message

    def search_queryset(self, queryset):
        # The proofs hold no address: one typed in is looked up by its keyed hash, as the proofs were written.
        if self.is_searching and "@" in self.search_query:
            return queryset.filter(subject=ConsentProof.subject_for(self.search_query))
        return super().search_queryset(queryset)


class ConsentProofViewSet(ModelViewSet):
    """The proofs of erased accounts' consents: read-only, for whoever holds the view permission (superusers)."""

    model = ConsentProof
    icon = "lock"
    menu_label = _("Consent proofs")
    add_to_admin_menu = True
    menu_order = 901
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ConsentProofIndexView
    inspect_view_class = ConsentInspectView
    inspect_view_fields = [
        "subject",
        "kind",
        "document_title",
        "document_url",
        "version",
        "given_at",
        "withdrawn_at",
        "erased_at",
    ]
    list_display = ["kind", "document_title", "version", "given_at", "withdrawn_at", "erased_at"]
    list_filter = ["kind", "erased_at"]
    search_fields = ["subject", "document_title"]
    form_fields = ["kind"]


register_permission_policy(ConsentProof, EvidencePolicy(ConsentProof))


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return ConsentViewSet("consents")


@hooks.register("register_admin_viewset")
def register_consent_proof_viewset():
    return ConsentProofViewSet("consent_proofs")
