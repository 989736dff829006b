from django.core.management.base import BaseCommand

from events import reminders


class Command(BaseCommand):
    help = "E-mail the people registered for tomorrow's events (safe to run more than once a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the daily reminder task in the task queue."
        )

    def handle(self, *args, schedule=False, **options):
        sent = reminders.send_due()
        self.stdout.write(f"{sent} reminders sent.")
        if schedule:
            reminders.schedule_next()
            self.stdout.write("The daily reminder task is booked.")
