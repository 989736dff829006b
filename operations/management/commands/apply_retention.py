from django.core.management.base import BaseCommand

from operations import retention

LABELS = {
    "cases": "cases",
    "attachments": "attached photos and files (deleted)",
    "notes": "internal notes (deleted)",
    "notifications": "notifications (recipient and text removed)",
    "handoff_updates": "updates from the municipality's system (reduced to their ids)",
    "surveys": "surveys",
    "survey_responses": "survey answers (respondent code replaced)",
    "survey_user_links": "of them linked to an account (link removed)",
}


class Command(BaseCommand):
    help = (
        "Anonymise the personal data whose retention period ended (KVKK): finished cases after "
        "RETENTION_CLOSED_CASE_DAYS, survey respondent codes after RETENTION_SURVEY_TOKEN_DAYS from the survey's "
        "close. Safe to run again: what is done is not done twice."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="Only count what would be anonymised.")
        mode.add_argument(
            "--schedule", action="store_true", help="Also book the run in the task queue, every night from now on."
        )

    def handle(self, *args, dry_run=False, schedule=False, **options):
        report = retention.apply(dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} (cases handled last before {report.case_cutoff:%Y-%m-%d %H:%M}, "
            f"surveys closed before {report.survey_cutoff:%Y-%m-%d %H:%M}):"
        )
        for kind, label in LABELS.items():
            self.stdout.write(f"  {report.counts.get(kind, 0):>8}  {label}")
        for kind, oldest in report.oldest.items():
            if oldest:
                self.stdout.write(f"Oldest affected {kind}: {oldest:%Y-%m-%d}")
        if schedule:
            if retention.schedule_daily():
                self.stdout.write(f"The retention run is booked every night at {retention.RUN_AT:%H:%M}.")
            else:
                self.stdout.write("Not booked: a run is already waiting, or the task queue cannot run tasks later.")
