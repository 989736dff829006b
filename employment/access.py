"""Who does what at the employment centre.

- The centre's staff (group "İstihdam Merkezi") work in the admin: every CV, firm, vacancy, referral, placement.
- A firm's users (`FirmMember`) work on the public site: their firm's vacancies and the referrals to it, nothing else.
- A job seeker sees and changes their own CV only.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts import roles

CENTRE = "İstihdam Merkezi"
CENTRE_MODELS = ["occupation", "cv", "firm", "firmmember", "vacancy", "referral", "placement"]


@transaction.atomic
def ensure_centre_group():
    """The centre's staff group with its permissions; idempotent."""
    group, _ = Group.objects.get_or_create(name=CENTRE)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for model in CENTRE_MODELS:
        for action in ("add", "change", "delete", "view"):
            group.permissions.add(
                Permission.objects.get(content_type__app_label="employment", codename=f"{action}_{model}")
            )
    return group


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the centre's group (this app's signal may come before wagtailadmin's permissions exist)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailadmin", "employment"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_centre_group()


def is_centre_staff(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or roles.in_any_group(user, CENTRE)


def firms_of(user):
    """The firms `user` acts for (usually one)."""
    from employment.models import Firm

    return Firm.objects.of_user(user)


def may_act_for(user, firm):
    return firm is not None and firms_of(user).filter(pk=firm.pk).exists()


def may_see_cv(user, cv):
    """Whether `user` may see `cv` and its file: its owner, the centre's staff, or a user of a firm to which the
    person agreed to be referred (`Referral.objects.visible_to_firm`) while the CV is shown and consented to.
    Nobody else, however many referrals the person has elsewhere."""
    from employment.models import Referral

    if cv is None or not user.is_authenticated or not user.is_active:
        return False
    if cv.user_id is not None and cv.user_id == user.pk:
        return True
    if is_centre_staff(user):
        return True
    # The person hid their CV (or withdrew their consent, or it was anonymised): employers see it no longer.
    if cv.hidden or cv.anonymised_at is not None or cv.processing_consent_at is None:
        return False
    return any(Referral.objects.visible_to_firm(firm).filter(cv=cv).exists() for firm in firms_of(user).only("pk"))
