"""What each staff member may see of the council's records in the admin (theme/admin_scope), in one place.

The secretariat sees every body and what hangs off it; an assembly's coordinators see their assembly's bodies
(its board and working groups), those bodies' seats, meetings, agenda, attendance and opinions, and their
assembly's bulletins. Every slice's viewset uses these through `admin_scope.ScopedViewSetMixin`; none defines
its own. Someone without a permission on a model sees none of it, whatever their bodies.
"""

from assemblies.coordinators import coordinated_assemblies
from council import access
from theme import admin_scope


def _holds_a_permission(user, model):
    label = model._meta.app_label
    name = model._meta.model_name
    return any(user.has_perm(f"{label}.{action}_{name}") for action in ("add", "change", "delete", "view"))


def keyed_to_bodies(model, path):
    """The scope of `model`: its objects whose body (reached by `path`) the user records on."""

    def scope(user):
        if not _holds_a_permission(user, model):
            return model._default_manager.none()
        bodies = access.recordable_bodies(user)
        if path is None:
            return model._default_manager.filter(pk__in=bodies.values("pk"))
        return model._default_manager.filter(**{f"{path}__in": bodies.values("pk")})

    return scope


def organisations(user):
    """Organisations are public facts (who holds seats for whom): everyone who keeps seats reads all of them."""
    from council.models import Organisation

    if not _holds_a_permission(user, Organisation):
        return Organisation.objects.none()
    return Organisation.objects.all()


def keyed_to_assemblies(model, path):
    """The scope of `model`: all for the secretariat, else its objects of the assemblies the user coordinates."""

    def scope(user):
        if not _holds_a_permission(user, model):
            return model._default_manager.none()
        if access.is_secretariat(user):
            return model._default_manager.all()
        return model._default_manager.filter(**{f"{path}__in": coordinated_assemblies(user).values("pk")})

    return scope


def register_all():
    from council import models

    admin_scope.register(models.Organisation, organisations)
    for model, path in [
        (models.Body, None),
        (models.Seat, "body"),
        (models.Meeting, "body"),
        (models.AgendaItem, "meeting__body"),
        (models.AgendaAttachment, "item__meeting__body"),
        (models.Attendance, "meeting__body"),
        (models.Opinion, "body"),
        (models.OpinionStep, "opinion__body"),
    ]:
        admin_scope.register(model, keyed_to_bodies(model, path))
    admin_scope.register(models.Bulletin, keyed_to_assemblies(models.Bulletin, "assembly"))
    admin_scope.register(models.BulletinRecipient, keyed_to_assemblies(models.BulletinRecipient, "bulletin__assembly"))
