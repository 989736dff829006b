from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "assemblies"
    verbose_name = _("Assemblies")

    def ready(self):
        from accounts import personal_data

        personal_data.register(
            personal_data.Section("assembly_memberships", export_memberships, erase=erase_memberships)
        )
        personal_data.account_links.append((_("My assemblies"), "assemblies:mine"))
        personal_data.no_account_links.append(
            (_("Members without an account: ask for your data"), "assemblies:data_request")
        )
        from assemblies import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
        from django.db.models.signals import pre_save

        from assemblies import consents
        from assemblies.models import Membership

        personal_data.register_consent_use(consents.HEALTH_DETAILS)
        pre_save.connect(
            consents.keep_no_health_details_without_consent, sender=Membership, dispatch_uid="membership_health_consent"
        )
        from accounts import roles
        from assemblies.models import CoordinatorGroup
        from theme import chrome

        # Which assembly a group coordinates decides menu items (the events import): the sidebars are built again.
        chrome.keep_records_version(roles.ACCESS, CoordinatorGroup)


def export_memberships(user):
    """What the portal holds on the person as a member or applicant of an assembly."""
    from assemblies import personal_data
    from assemblies.models import Membership

    return personal_data.export(Membership.objects.filter(user=user))


def erase_memberships(user):
    """With the account go its memberships, each erasure recorded without naming the person."""
    from assemblies import personal_data
    from assemblies.models import DataErasure, Membership

    personal_data.erase(Membership.objects.filter(user=user), actor=None, via=DataErasure.Via.ACCOUNT)
