from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "assemblies"
    verbose_name = _("Assemblies")

    def ready(self):
        from accounts import personal_data

        personal_data.register(personal_data.Section("assembly_memberships", export_memberships))
        personal_data.account_links.append((_("My assemblies"), "assemblies:mine"))
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


def export_memberships(user):
    """What the portal holds on the person as a member or applicant of an assembly."""
    from assemblies.models import Membership

    return [
        {
            "assembly": membership.assembly.title,
            "state": str(membership.get_state_display()),
            "reason": membership.state_reason,
            "applied_at": membership.applied_at.isoformat(),
            "decided_at": membership.decided_at.isoformat() if membership.decided_at else None,
            "name": membership.full_name,
            "email": membership.email,
            "phone": membership.phone,
            "birth_date": membership.birth_date.isoformat() if membership.birth_date else None,
            "neighbourhood": membership.neighbourhood.name if membership.neighbourhood else None,
            "connection": str(membership.get_connection_display()) if membership.connection else None,
            "workplace_or_school": membership.workplace_or_school,
            "guardian": {
                "name": membership.guardian_name,
                "relationship": membership.guardian_relationship,
                "phone": membership.guardian_phone,
                "consent_at": membership.guardian_consent_at.isoformat() if membership.guardian_consent_at else None,
            }
            if membership.guardian_name
            else None,
            "disability_declared": membership.disability_declared,
            "disability_note": membership.disability_note,
            "accessibility_needs": membership.get_accessibility_needs_display(),
            "accessibility_other": membership.accessibility_other,
            "note": membership.note,
        }
        for membership in Membership.objects.filter(user=user).select_related("assembly", "neighbourhood")
    ]
