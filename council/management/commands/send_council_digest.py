from django.core.management.base import BaseCommand

from council import digest


class Command(BaseCommand):
    help = "E-mail each follower what changed in what they follow (a digest at most once a week; safe to rerun)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the weekly digest task (Monday 09:00) in the task queue."
        )

    def handle(self, *args, schedule=False, **options):
        sent = digest.send_due()
        self.stdout.write(f"{sent} digests sent.")
        if schedule:
            digest.schedule_next()
            self.stdout.write("The weekly digest task is booked.")
