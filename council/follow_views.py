"""Following's addresses under /konsey/: follow and unfollow (POST), the person's list, and the digest's one-click
unsubscribe, which works without logging in (the token in the e-mail is the proof)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from council import following
from council.models import FollowDigest


def _back(request):
    """Where the form came from (a local address only), else the person's list of follows."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("council:my_follows")


def _thing(kind, pk):
    if kind not in following.KINDS:
        raise Http404
    thing = following.find(kind, pk)
    if thing is None:
        raise Http404
    return thing


@require_POST
def follow(request, kind, pk):
    back = _back(request)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
    thing = _thing(kind, pk)
    following.follow(request.user, thing)
    messages.success(
        request,
        _("You follow “%(name)s”. A weekly e-mail will tell you what changed; nothing changed, no e-mail.")
        % {"name": _name(kind, thing)},
    )
    return redirect(back)


@require_POST
def unfollow(request, kind, pk):
    back = _back(request)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
    if kind not in following.KINDS:
        raise Http404
    thing = following.find(kind, pk)
    if thing is not None and following.unfollow(request.user, thing):
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": _name(kind, thing)})
    return redirect(back)


def _name(kind, thing):
    return thing.title if kind == "assembly" else str(thing)


@login_required
def my_follows(request):
    follows = list(following.follows_of(request.user))
    following.add_links(follows)
    return render(request, "council/my_follows.html", {"follows": follows})


@csrf_exempt  # mail programs post the one-click unsubscribe (RFC 8058) without a CSRF token; the token is the proof
@require_http_methods(["GET", "POST"])
def stop_digest(request, token):
    if request.method == "POST":
        stopped = following.stop_digest(token)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "council/stop_digest.html", {"done": True, "stopped": stopped})
    known = FollowDigest.objects.filter(token=token).exists()
    return render(request, "council/stop_digest.html", {"done": False, "known": known, "token": token})
