from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "distribution"
    verbose_name = _("Çözüm Postası")

    def ready(self):
        from distribution import groups

        post_migrate.connect(groups.migrated, sender=self)
        from distribution.models import Recipient
        from places import gazetteer

        post_save.connect(_recipient_saved, sender=Recipient, dispatch_uid="distribution.known_address")
        gazetteer.collect.connect(_known_addresses, dispatch_uid="distribution.known_addresses")
        from accounts import personal_data
        from distribution import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)


def remember_place(recipient):
    """Tell the suggestion box's gazetteer where the recipient's building is (street and number, never the name or
    the door); a private person's only as their street, about where (places.gazetteer.remember)."""
    from distribution.models import Recipient
    from places import gazetteer

    if recipient.latitude is not None and recipient.street:
        gazetteer.remember(
            recipient.street,
            recipient.latitude,
            recipient.longitude,
            gazetteer.KnownAddress.Source.RECIPIENT,
            recipient.neighbourhood_id,
            number=recipient.building_no,
            building=recipient.kind != Recipient.Kind.INDIVIDUAL,
        )


def _recipient_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        remember_place(instance)


def _known_addresses(sender, **kwargs):
    from distribution.models import Recipient

    located = Recipient.objects.filter(latitude__isnull=False)
    fields = ["kind", "street", "building_no", "latitude", "longitude", "neighbourhood_id"]
    for recipient in located.only(*fields).iterator():
        remember_place(recipient)
