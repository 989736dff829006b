from django.core.management.base import BaseCommand

from escort import reminders


class Command(BaseCommand):
    help = "Text everyone booked for an escort tomorrow (each booking once; safe to run more than once a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the daily reminder task in the task queue."
        )

    def handle(self, *args, schedule=False, **options):
        sent = reminders.send_due()
        self.stdout.write(f"{sent} escort reminders sent.")
        if schedule:
            reminders.schedule_next()
            self.stdout.write("The daily escort reminder task is booked.")
