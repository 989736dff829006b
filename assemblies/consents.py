"""What assemblies keep only on a person's explicit consent: the health details of an application.

A disability and the accessibility needs a person declares are health data, which KVKK art. 6 lets
the council process only on explicit consent. When the person withdraws it from their account page,
these details go from all their memberships (the membership itself stays: it runs on the application),
and a new application made while the consent stays withdrawn does not keep them. Registered in
AssembliesConfig.ready().
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.models import Consent
from assemblies.models import Membership

CLEARED = {"disability_declared": False, "disability_note": "", "accessibility_needs": [], "accessibility_other": ""}


def stop_health_details(user):
    held = (
        Q(disability_declared=True) | ~Q(disability_note="") | ~Q(accessibility_needs=[]) | ~Q(accessibility_other="")
    )
    return Membership.objects.filter(held, user=user).update(**CLEARED)


def keep_no_health_details_without_consent(sender, instance, raw=False, **kwargs):
    """Before a membership is saved: drop the health details of a person whose consent is withdrawn."""
    if raw or instance.user_id is None:
        return
    if personal_data.has_withdrawn(instance.user, Consent.Kind.EXPLICIT_CONSENT):
        for name, value in CLEARED.items():
            setattr(instance, name, value)


HEALTH_DETAILS = personal_data.ConsentUse(
    kind=Consent.Kind.EXPLICIT_CONSENT,
    name="assembly_health_details",
    label=_("keeping the disability and accessibility needs you declared to the assemblies"),
    stop=stop_health_details,
)
