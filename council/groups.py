"""Keeping the council's groups in step: the secretariat's group after every migrate, and each assembly's
coordinator group given the council permissions as soon as it exists (assemblies knows nothing of the council)."""


def migrated(app_config=None, using="default", **kwargs):
    """post_migrate: the secretariat's group, and the council permissions of every coordinator group."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from assemblies.models import CoordinatorGroup
    from council import access

    # This app's signal may come before auth's and wagtailadmin's, which create the permissions granted here.
    for label in ("wagtailadmin", "council"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    access.ensure_secretariat_group()
    for coordination in CoordinatorGroup.objects.select_related("group"):
        access.grant_coordinators(coordination.group)


def coordinator_group_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of assemblies.CoordinatorGroup: a new assembly's coordinators record on its bodies at once."""
    from council import access

    if not raw:
        access.grant_coordinators(instance.group)
