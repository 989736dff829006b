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
