from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The council's own work: bodies and seats, meetings, minutes, opinions, bulletins, following, open data.

    Stands on `assemblies` and `events`; neither of them imports anything from here.
    """

    name = "council"
    verbose_name = _("City council")

    def ready(self):
        self._register_groups_and_scopes()
        self._register_following()
        self._register_cache_version()
        from council import bulletins

        bulletins.connect()

    def _register_groups_and_scopes(self):
        from assemblies.models import CoordinatorGroup
        from council import groups, scopes

        post_migrate.connect(groups.migrated, sender=self, dispatch_uid="council_groups")
        post_save.connect(groups.coordinator_group_saved, sender=CoordinatorGroup, dispatch_uid="council_coordinators")
        scopes.register_all()

    def _register_cache_version(self):
        """The public lists keep their HTML per version of the council's records (theme.chrome.records_version):
        any change to what they show bumps it."""
        from django.db.models.signals import m2m_changed

        from council.models import AgendaItem, Body, Meeting, Opinion, OpinionStep, Seat
        from places.models import Neighbourhood
        from theme import chrome

        changed = chrome.keep_records_version(
            "council", Body, Seat, Meeting, AgendaItem, Opinion, OpinionStep, Neighbourhood
        )
        m2m_changed.connect(
            changed, sender=Opinion.neighbourhoods.through, weak=False, dispatch_uid="council_version_places"
        )
        from accounts import roles

        # Whether a coordinator records on some body (the minutes' menu item) changes with the bodies.
        chrome.keep_records_version(roles.ACCESS, Body)

    def _register_following(self):
        from accounts import personal_data
        from assemblies import components
        from council import following, retention

        components.register(
            components.Component(
                name="council_follow",
                heading=_("Follow"),
                template="council/includes/follow.html",
                items=lambda assembly, request: assembly,
                personal=True,
            )
        )
        personal_data.register(personal_data.Section("council_follows", following.export, following.erase))
        personal_data.account_links.append((_("What I follow"), "council:my_follows"))
        for rule in retention.RULES:
            personal_data.register_retention(rule)
