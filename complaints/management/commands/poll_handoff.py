from django.core.management.base import BaseCommand

from complaints import handoff


class Command(BaseCommand):
    help = (
        "Send the hand-offs that are due, then ask the municipality's system (Open311) for answers to the cases "
        "it holds. Safe to run from cron every few minutes."
    )

    def handle(self, *args, **options):
        sent = handoff.deliver_due()
        applied = handoff.poll()
        self.stdout.write(f"{sent} hand-offs tried, {applied} answers applied.")
