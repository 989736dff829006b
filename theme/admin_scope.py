"""What a staff member may see of a model in the admin, for the views Wagtail builds for every model.

Wagtail's bulk actions (`/admin/bulk/<app>/<model>/<action>/`) fetch any object by its id and list the
ones the user may not act on by name; choosers and snippet views fetch by id as well. Each app says once
what a user may see of its models (`register`, or a `visible_to(user)` on the model's query set); the
bulk actions (`bulk_action`, routed ahead of Wagtail's own dispatcher) and the snippet views
(`ScopedViewSetMixin`) then keep to it: an object outside it is answered as if it did not exist.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.views import defaults
from django.views.decorators.cache import never_cache
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

_scopes = {}


def register(model, scope):
    """`scope(user)` is the query set of `model` that `user` may see in the admin."""
    _scopes[model] = scope


def _registered(model):
    for klass in model.__mro__:
        if klass in _scopes:
            return _scopes[klass]
    return None


def _policy(model):
    # Wagtail falls back to Django's model permissions for a model without a policy of its own.
    return policy_registry.get_by_type(model)


def visible(user, model):
    """The objects of `model` that `user` may see in the admin: nothing unless they hold one of its permissions."""
    manager = model._default_manager
    if not user.is_authenticated or not user.is_active:
        return manager.none()
    if user.is_superuser:
        return manager.all()
    scope = _registered(model)
    if scope is not None:
        return scope(user)
    if issubclass(model, Page):
        return PagePermissionPolicy().explorable_instances(user)
    policy = _policy(model)
    if not isinstance(policy, ModelPermissionPolicy):
        # Images and documents: per collection, and the uploader's own.
        return policy.instances_user_has_any_permission_for(user, ["change", "delete", "choose"])
    if not policy.user_has_any_permission(user, ["add", "change", "delete", "view"]):
        return manager.none()
    queryset = manager.all()
    return queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset


def required_action(action_class):
    """The permission a bulk action needs: its own `scope_permission`, else "delete" for deleting, else "change"."""
    return getattr(action_class, "scope_permission", None) or (
        "delete" if action_class.action_type == "delete" else "change"
    )


def may_act(user, model, action):
    if user.is_superuser:
        return True
    if issubclass(model, Page):
        # Page permissions are per subtree; Wagtail checks each page, this only keeps out who edits none.
        return _policy(Page).user_has_any_permission(user, ["add", "change", "publish"])
    return _policy(model).user_has_any_permission(user, [action])


def clean_ids(model, values):
    """The ids among `values` that can be a key of `model` (a stray "x" is dropped, not a server error)."""
    cleaned = []
    for value in values:
        try:
            cleaned.append(model._meta.pk.to_python(value))
        except (ValidationError, TypeError, ValueError):
            continue
    return cleaned


class ScopedBulkActionMixin:
    """Put in front of any bulk action: no page for who lacks the action's permission, and no object outside
    what the user may see, neither to act on nor listed by name among those they may not change."""

    def dispatch(self, request, *args, **kwargs):
        if not may_act(request.user, self.model, required_action(type(self))):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self, model, object_ids):
        if isinstance(object_ids, list | tuple):
            object_ids = clean_ids(model, object_ids)
        else:  # "all": the listing's own query, already a query set of keys
            object_ids = list(object_ids)
        in_scope = list(visible(self.request.user, model).filter(pk__in=object_ids).values_list("pk", flat=True))
        if not in_scope:
            raise Http404
        return super().get_queryset(model, in_scope)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        no_access = list(extra.get("items_with_no_access", []))
        shown = {item.pk for item in objects + no_access}
        in_scope = set(visible(self.request.user, self.model).filter(pk__in=shown).values_list("pk", flat=True))
        objects = [item for item in objects if item.pk in in_scope]
        no_access = [item for item in no_access if item.pk in in_scope]
        if not objects and not no_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": no_access}


_scoped_classes = {}


def scoped_bulk_action_class(action_class):
    if action_class not in _scoped_classes:
        _scoped_classes[action_class] = type(
            f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {}
        )
    return _scoped_classes[action_class]


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk-action dispatcher, with every action held to what the user may see."""
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    try:
        return scoped_bulk_action_class(action_class)(request, model).dispatch(request)
    except PermissionDenied as refusal:
        # A plain refusal: Wagtail's admin would redirect to the dashboard, which reads as if the page existed.
        return defaults.permission_denied(request, refusal)


class ScopedObjectMixin:
    """For a snippet or model view that shows one object: only from what the user may see, else a 404.

    A view with a `get_visible_object(queryset)` method is given the visible objects and fetches from them (a 404
    when the object is not among them); any other view's object is fetched as usual, then checked.
    """

    def get_object(self, *args, **kwargs):
        if hasattr(self, "get_visible_object"):
            # The view fetches its object from the visible ones itself: one query where there would be two.
            return self.get_visible_object(visible(self.request.user, self.model))
        found = super().get_object(*args, **kwargs)
        if found is not None and not visible(self.request.user, self.model).filter(pk=found.pk).exists():
            raise Http404
        return found


class ScopedListingMixin:
    """For a listing (and its export): only what the user may see.

    A view whose own `get_base_queryset` starts from `visible(user, model)` says so with `lists_visible_only =
    True`, and is left as it is: the scope written twice costs the listing's queries a second join.
    """

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.filter(pk__in=visible(self.request.user, self.model).values("pk"))


_scoped_views = {}


def scoped_view_class(view_class):
    """`view_class` held to the user's scope: its listing, and the one object it fetches."""
    if view_class not in _scoped_views:
        mixins = []
        if (
            issubclass(view_class, generic.IndexView)
            and not issubclass(view_class, ScopedListingMixin)
            and not getattr(view_class, "lists_visible_only", False)
        ):
            mixins.append(ScopedListingMixin)
        elif hasattr(view_class, "get_object") and not issubclass(view_class, ScopedObjectMixin):
            mixins.append(ScopedObjectMixin)
        _scoped_views[view_class] = (
            type(f"Scoped{view_class.__name__}", (*mixins, view_class), {}) if mixins else view_class
        )
    return _scoped_views[view_class]


class ScopedViewSetMixin:
    """For a SnippetViewSet or ModelViewSet: each of its views lists and fetches only from what the user may
    see (`visible`); an object outside it is a 404 on every page (inspect, edit, delete, history, usage)."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


def administrators_only(view):
    """A Wagtail page that shows records of every scope at once: superusers only (a plain 403 for the rest)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            return defaults.permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


class CreateHandlerMixin:
    """A snippet viewset whose add form has panels of its own (`create_handler`), apart from the edit form's.

    With only the edit panels, the fields that only the add form has were drawn below it without their labels.
    """

    def get_form_class(self, for_update=False):
        handler = self.edit_handler if for_update else self.create_handler
        return handler.bind_to_model(self.model).get_form_class()

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(panel=self.create_handler.bind_to_model(self.model), **kwargs)
