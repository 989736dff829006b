from django.core.management.base import BaseCommand

from employment import placements


class Command(BaseCommand):
    help = (
        "E-mail the employment centre's staff the placements due a 30- or 90-day 'still employed?' check (each once)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the daily follow-up task (09:00) in the task queue."
        )

    def handle(self, *args, schedule=False, **options):
        sent = placements.send_due()
        self.stdout.write(f"{sent} follow-ups sent.")
        if schedule:
            placements.schedule_next()
            self.stdout.write("The daily follow-up task is booked.")
