from django.core.management.base import BaseCommand

from outbox import mail


class Command(BaseCommand):
    help = "Send the e-mails whose next attempt is due (safe to run from cron every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the outbox's round (every 5 minutes) in the task queue."
        )

    def handle(self, *args, schedule=False, **options):
        count = mail.retry_due()
        self.stdout.write(f"{count} e-mails tried.")
        if schedule:
            mail.schedule_round()
            self.stdout.write("The outbox's round is booked.")
