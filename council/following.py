"""Following: a signed-in citizen follows an assembly, a body or an opinion for the weekly digest (council/digest.py).

A person follows each thing once. Their first follow opens their digest (`FollowDigest`: its language, and the
moment from which changes are news); stopping the digest, by the e-mail's one-click link, ends every follow.
Assemblies are followed in the default language (their `canonical` page), whatever language the page was read in.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language

from assemblies.models import AssemblyPage
from council.models import Body, Follow, FollowDigest, Opinion

# The things one can follow, by the name used in addresses and forms.
KINDS = ("assembly", "body", "opinion")


def kind_of(thing):
    """'assembly', 'body' or 'opinion' for a followable thing."""
    if isinstance(thing, Body):
        return "body"
    if isinstance(thing, Opinion):
        return "opinion"
    if isinstance(thing, AssemblyPage):
        return "assembly"
    raise TypeError(f"{type(thing).__name__} cannot be followed")


def _target(thing):
    kind = kind_of(thing)
    return kind, (thing.canonical if kind == "assembly" else thing)


def find(kind, pk):
    """The public thing of `kind` with `pk`, or None (a hidden body or opinion cannot be followed)."""
    if kind == "assembly":
        page = AssemblyPage.objects.live().public().filter(pk=pk).first()
        return page.canonical if page else None
    if kind == "body":
        return Body.objects.public().filter(pk=pk).first()
    if kind == "opinion":
        return Opinion.objects.public().filter(pk=pk, body__is_public=True).first()
    return None


def is_following(user, thing):
    if not user.is_authenticated:
        return False
    kind, target = _target(thing)
    return Follow.objects.filter(user=user, **{kind: target}).exists()


def follow(user, thing, language=None):
    """Follow `thing`; following it again changes nothing. The digest is written in `language` (the active one)."""
    kind, target = _target(thing)
    language = language or get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        digest, created = FollowDigest.objects.get_or_create(user=user, defaults={"language": language})
        if not created and digest.language != language:
            digest.language = language
            digest.save(update_fields=["language"])
        try:
            with transaction.atomic():
                Follow.objects.create(user=user, **{kind: target})
        except IntegrityError:
            return False  # followed already (a double click)
    return True


@transaction.atomic
def unfollow(user, thing):
    """Stop following `thing`; when nothing is left, the digest ends too. Returns whether anything was followed."""
    kind, target = _target(thing)
    deleted, _ = Follow.objects.filter(user=user, **{kind: target}).delete()
    if not Follow.objects.filter(user=user).exists():
        FollowDigest.objects.filter(user=user).delete()
    return bool(deleted)


def follows_of(user):
    """What `user` follows, newest first, with what the list shows."""
    return Follow.objects.filter(user=user).select_related("assembly", "body", "opinion").order_by("-created_at", "-pk")


@transaction.atomic
def stop_digest(token):
    """The one-click unsubscribe: end every follow of the digest with `token`. Returns how many follows ended,
    or None when no digest has that token (stopped already, or never existed)."""
    digest = FollowDigest.objects.select_for_update().filter(token=token).first()
    if digest is None:
        return None
    deleted, _ = Follow.objects.filter(user_id=digest.user_id).delete()
    digest.delete()
    return deleted


def add_links(follows):
    """Give each of `follows` its `kind`, `thing` and `url` in the active language (a query or two in all)."""
    from wagtail.models import Locale

    from council.models import CouncilPage

    locale = Locale.get_active()
    keys = [follow.assembly.translation_key for follow in follows if follow.assembly_id]
    translated = (
        {
            page.translation_key: page
            for page in AssemblyPage.objects.live().filter(translation_key__in=keys, locale=locale)
        }
        if keys
        else {}
    )
    council_page = CouncilPage.for_language() if any(not follow.assembly_id for follow in follows) else None
    base = council_page.url if council_page else None
    for follow in follows:
        follow.thing = follow.assembly or follow.body or follow.opinion
        follow.kind = kind_of(follow.thing)
        follow.url = ""
        if follow.assembly_id:
            page = translated.get(follow.assembly.translation_key, follow.assembly)
            follow.thing, follow.url = page, page.url
        elif base:
            if follow.body_id:
                route = council_page.reverse_subpage("body", kwargs={"slug": follow.body.slug})
            else:
                opinion = follow.opinion
                route = council_page.reverse_subpage(
                    "opinion", kwargs={"year": str(opinion.year), "sequence": str(opinion.sequence)}
                )
            follow.url = base.rstrip("/") + "/" + route.lstrip("/")
    return follows


def erase(user):
    """The account's erasure: its follows and its digest go with it."""
    Follow.objects.filter(user=user).delete()
    FollowDigest.objects.filter(user=user).delete()


def export(user):
    """The data download's section: what the person follows, since when, and their digest's state."""
    digest = FollowDigest.objects.filter(user=user).first()
    return {
        "follows": [
            {
                "kind": kind_of(follow.assembly or follow.body or follow.opinion),
                "name": str(follow),
                "since": follow.created_at.isoformat(),
            }
            for follow in follows_of(user)
        ],
        "digest": {
            "language": digest.language,
            "since": digest.created_at.isoformat(),
            "last_built_at": digest.last_built_at.isoformat() if digest.last_built_at else None,
        }
        if digest
        else None,
    }
