from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(subject, body, from_email, to, html_body=None, headers=None):
    """Send one e-mail from the task worker, so a slow mail server never holds up a page."""
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
