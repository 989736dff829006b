from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from accounts import consent, personal_data
        from accounts.models import PrivacySettings

        personal_data.register_account_sections()
        from accounts import retention

        for rule in retention.RULES:
            personal_data.register_retention(rule)
        # The outbox stands below accounts, so its rule is registered here (outbox/retention.py).
        from outbox import retention as outbox_retention

        personal_data.register_retention(personal_data.RetentionRule(**outbox_retention.RULE))
        personal_data.register_retention(personal_data.RetentionRule(**outbox_retention.TEXTS_RULE))
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(consent.forget_privacy_notice, dispatch_uid=f"forget-notice-{signal}")
        post_save.connect(consent.forget_privacy_notice, sender=PrivacySettings, dispatch_uid="forget-notice-settings")
        post_delete.connect(_page_deleted, dispatch_uid="forget-notice-delete")
        _keep_sidebars()


def _keep_sidebars():
    """The admin's sidebar (accounts/admin_sidebar.py) and each person's groups and permissions (accounts/roles.py)
    come from the cache; these changes decide them."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission
    from wagtail.users.models import UserProfile

    from accounts import admin_sidebar, roles
    from accounts.models import User
    from theme import chrome

    admin_sidebar.install()
    changed = chrome.keep_records_version(
        roles.ACCESS,
        Group,
        Permission,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
        UserProfile,
    )
    for through in (Group.permissions.through, User.groups.through, User.user_permissions.through):
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"sidebar-{through.__name__}")


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from accounts import consent

    if isinstance(instance, Page):
        consent.forget_privacy_notice()
