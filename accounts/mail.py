"""E-mails rendered from templates in the recipient's language and sent through the outbox (retried until delivered)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from outbox.mail import send_email


def send_templated_email(template_prefix, recipients, context, language="tr"):
    """Render `<prefix>_subject.txt` and `<prefix>_body.txt` in `language` and queue the e-mail.

    Each recipient gets their own message, so no address is disclosed to another.
    """
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context, using="text").split())
        body = render_to_string(f"{template_prefix}_body.txt", context, using="text")

    send_email(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        language=language,
    )
