from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import redirects
from outbox.mail import send_email


class PortalSite:
    """What allauth's e-mails call the site (`current_site`): the portal's name, in the e-mail's language,
    and its address.

    allauth would take them from django.contrib.sites, which the portal does not use (Wagtail has its own).
    """

    name = _("Ümraniye City Council")

    def __init__(self, request=None):
        self.domain = request.get_host() if request is not None else urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc

    def __str__(self):
        return str(self.name)


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its e-mails kept in the outbox until the task worker has delivered them."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": PortalSite(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
            None,
        )
        send_email(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html=html_body,
            headers=dict(message.extra_headers),
            language=translation.get_language() or "",
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed log-ins are counted per account *and* address (allauth: per account alone), so a guesser's
        tries lock out the guesser's address (an IPv6 /64) while the owner still logs in from anywhere else.
        The limit per address alone (ACCOUNT_RATE_LIMITS["login_failed"]) still stops one guessing many accounts."""
        from allauth.core.internal.ratelimit import get_ip

        return f"{get_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"

    def get_signup_redirect_url(self, request):
        return redirects.pop(request) or super().get_signup_redirect_url(request)

    def get_login_redirect_url(self, request):
        remembered = redirects.pop(request)
        if remembered:
            return remembered
        # A feature app may start its people somewhere of their own (Çözüm Postası's couriers: today's routes);
        # accounts names the hook and imports none of them.
        for hook in hooks.get_hooks("login_redirect_url"):
            url = hook(request)
            if url:
                return url
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
