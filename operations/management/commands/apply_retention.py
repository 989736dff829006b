from django.core.management.base import BaseCommand

from accounts import personal_data
from operations import retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise the personal data whose retention period ended (KVKK), by every app's registered "
        "rules (one line each: app, rule, how many, period, what). Safe to run again: what is done is not done twice."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Only count what would be deleted or anonymised.")
        mode.add_argument(
            "--schedule", action="store_true", help="Also book the run in the task queue, every night from now on."
        )

    def handle(self, *args, dry_run=False, schedule=False, **options):
        report = retention.apply(dry_run=dry_run)
        verb = "Due now (dry run, nothing changed)" if dry_run else "Done"
        self.stdout.write(f"{verb}, {report.now:%Y-%m-%d %H:%M}:")
        self.stdout.write(f"  {'app':<13} {'rule':<28} {'records':>8}  {'kept for':>10}  what")
        for rule in personal_data.retention_rules():
            period = f"{rule.days} days"
            self.stdout.write(
                f"  {rule.app:<13} {rule.name:<28} {report.counts.get(rule.name, 0):>8}  {period:>10}  {rule.what}"
            )
            for key, label in rule.labels.items():
                self.stdout.write(f"  {'':<13} {'':<28} {report.counts.get(key, 0):>8}  {'':>10}    {label}")
            oldest = report.oldest.get(rule.name)
            if oldest:
                self.stdout.write(f"  {'':<13} {'':<28} {'':>8}  {'':>10}    oldest: {oldest:%Y-%m-%d}")
        if schedule:
            if retention.schedule_daily():
                self.stdout.write(f"The retention run is booked every night at {retention.RUN_AT:%H:%M}.")
            else:
                self.stdout.write("Not booked: a run is already waiting, or the task queue cannot run tasks later.")
