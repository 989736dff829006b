from django.core.management.base import BaseCommand

from complaints import notifications


class Command(BaseCommand):
    help = "Send the citizens' e-mails and SMS whose next attempt is due (safe to run from cron every few minutes)."

    def handle(self, *args, **options):
        count = notifications.retry_due()
        self.stdout.write(f"{count} notifications tried.")
