from django.core.management.base import BaseCommand

from complaints import handoff


class Command(BaseCommand):
    help = (
        "Send the hand-offs that are due, then ask the municipality's system (Open311) for answers to the cases "
        "it holds. Safe to run from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Also book the round in the task queue, every five minutes."
        )

    def handle(self, *args, schedule=False, **options):
        sent = handoff.deliver_due()
        applied = handoff.poll()
        self.stdout.write(f"{sent} hand-offs tried, {applied} answers applied.")
        if schedule and handoff.schedule_round():
            self.stdout.write("The hand-off round is booked every five minutes.")
