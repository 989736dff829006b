from django_tasks import task


@task()
def send_email(subject, body, from_email, to, html_body=None, headers=None):
    """Kept for tasks queued before the outbox existed: their e-mail now goes through it (outbox/mail.py)."""
    from outbox.mail import send_email as send_through_outbox

    send_through_outbox(subject, body, to, from_email=from_email, html=html_body, headers=headers)
