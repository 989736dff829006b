from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Case register")

    def ready(self):
        from accounts import personal_data
        from complaints import groups
        from complaints.models import Directorate

        post_migrate.connect(groups.ensure_groups, sender=self)
        post_save.connect(_directorate_saved, sender=Directorate)
        personal_data.register(personal_data.Section("cases", export_cases, erase_cases))
        personal_data.register(personal_data.Section("case_supports", export_supports, erase_supports))
        from places import gazetteer

        gazetteer.collect.connect(_known_addresses, dispatch_uid="complaints.known_addresses")
        from complaints import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
        personal_data.account_links.append((_("My applications"), "suggestions:mine"))


def _directorate_saved(sender, instance, created, raw=False, **kwargs):
    from complaints import groups

    if not raw and instance.group_id is None:
        groups.ensure_directorate_group(instance)


def export_cases(user):
    """The person's applications to the municipality, as they sent them and as answered."""
    from complaints.models import Case

    return [
        {
            "tracking_number": case.tracking_number,
            "kind": str(case.get_kind_display()),
            "channel": str(case.get_channel_display()),
            "topic": case.topic.name if case.topic else None,
            "neighbourhood": case.neighbourhood.name if case.neighbourhood else None,
            "address": case.address,
            "description": case.description,
            "name": case.name,
            "phone": case.phone,
            "email": case.email,
            "received_at": case.received_at.isoformat(),
            "status": str(case.get_status_display()),
            "answer": case.public_answer,
            "consent_at": case.consent_at.isoformat() if case.consent_at else None,
        }
        for case in Case.objects.filter(user=user).select_related("topic", "neighbourhood")
    ]


def erase_cases(user):
    """The case stays in the register (a public record the municipality must keep), but no longer points at the account."""
    from complaints.models import Case

    Case.objects.filter(user=user).update(user=None)


def export_supports(user):
    """The reports the person added their voice to, with what they gave us then."""
    from complaints.models import Supporter

    return [
        {
            "case": supporter.case_id,
            "topic": supporter.case.topic.name if supporter.case.topic else None,
            "status": str(supporter.case.get_status_display()),
            "name": supporter.name,
            "phone": supporter.phone,
            "email": supporter.email,
            "note": supporter.note,
            "added_at": supporter.created_at.isoformat(),
            "consent_at": supporter.consent_at.isoformat() if supporter.consent_at else None,
        }
        for supporter in Supporter.objects.filter(user=user).select_related("case__topic")
    ]


def erase_supports(user):
    """The voice still counts on the case; who gave it (name, contact, note, account) is removed."""
    from complaints.models import Supporter

    Supporter.objects.filter(user=user).update(user=None, name="", email="", phone="", note="")


def _known_addresses(sender, **kwargs):
    """The register's street addresses with a point, for the suggestion box's gazetteer (places.gazetteer)."""
    from complaints import cases
    from complaints.models import Case

    located = Case.objects.filter(latitude__isnull=False, anonymised_at__isnull=True).exclude(address="")
    for case in located.only("address", "latitude", "longitude", "neighbourhood_id").iterator():
        cases.remember_place(case)
