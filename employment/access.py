"""Who does what at the employment centre.

- The centre's staff (group "İstihdam Merkezi") work in the admin: every CV, firm, vacancy, referral, placement.
- A firm's users (`FirmMember`) work on the public site: their firm's vacancies and the referrals to it, nothing else.
- A job seeker sees and changes their own CV only.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
    return user.is_superuser or user.groups.filter(name=CENTRE).exists()


def firms_of(user):
    """The firms `user` acts for (usually one)."""
    from employment.models import Firm

    return Firm.objects.of_user(user)


def may_act_for(user, firm):
    return firm is not None and firms_of(user).filter(pk=firm.pk).exists()
