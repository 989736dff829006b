from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from accounts import redirects
from accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its e-mails handed to the task worker."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
            None,
        )
        send_email.enqueue(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html_body=html_body,
            headers=dict(message.extra_headers),
        )

    def get_signup_redirect_url(self, request):
        return redirects.pop(request) or super().get_signup_redirect_url(request)

    def get_login_redirect_url(self, request):
        remembered = redirects.pop(request)
        if remembered:
            return remembered
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
