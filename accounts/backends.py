"""Django's and allauth's authentication backends, reading a person's permissions from `accounts.roles` (kept in
the cache per person until access changes) and their Wagtail profile with the person.

Both are Django's classes otherwise: the same passwords, the same answers to every permission asked (for an
object: none; a superuser and an inactive person: as Django answers them, read as Django reads them).
"""

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model

from accounts import roles


class KeptAccessMixin:
    def get_user(self, user_id):
        """The signed-in person, read with their Wagtail profile (one query, where the admin's language, time zone
        and avatar asked a second on every page); a person without a profile has none, as before."""
        people = get_user_model()._default_manager.select_related("wagtail_userprofile")
        try:
            user = people.get(pk=user_id)
        except people.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        if user_obj.is_active and not user_obj.is_anonymous and obj is None and not user_obj.is_superuser:
            name = f"_{from_name}_perm_cache"
            if not hasattr(user_obj, name):
                setattr(user_obj, name, roles.held(user_obj)[from_name])
        return super()._get_permissions(user_obj, obj, from_name)


class ModelBackend(KeptAccessMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(KeptAccessMixin, auth_backends.AuthenticationBackend):
    pass
