"""`{% follow_button thing %}`: the follow / unfollow button for an assembly, a body or an opinion."""

from django import template

from council import following

register = template.Library()


@register.inclusion_tag("council/includes/follow_button.html", takes_context=True)
def follow_button(context, thing):
    request = context["request"]
    kind, target = following.kind_of(thing), thing
    if kind == "assembly":
        target = thing.canonical
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "pk": target.pk,
        "name": thing.title if kind == "assembly" else str(thing),
        "signed_in": request.user.is_authenticated,
        "is_following": following.is_following(request.user, thing),
        "next": request.get_full_path(),
    }
