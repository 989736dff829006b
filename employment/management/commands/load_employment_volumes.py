from django.core.management.base import BaseCommand, CommandError

from employment import demo, statistics


class Command(BaseCommand):
    help = (
        "Create the employment centre's 2016–2020 volumes from the annual report (new CVs, new firms, referrals, "
        "people employed) as anonymised records, so İstihdam Merkezi rakamları reproduces the report's table."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, action="append", dest="years", help="Only this year (repeat for more); default all."
        )

    def handle(self, *args, years=None, **options):
        seed = demo.volumes()
        years = sorted(set(years or seed))
        unknown = [year for year in years if year not in seed]
        if unknown:
            raise CommandError(
                f"The report has no figures for {', '.join(map(str, unknown))}; it covers {min(seed)}–{max(seed)}."
            )
        taken = [year for year in years if statistics.year_has_records(year)]
        if taken:
            raise CommandError(
                f"The employment centre already has records dated in {', '.join(map(str, taken))} "
                "(CVs, firms, referrals or placements); nothing was added."
            )
        for year, (cvs, firms, referrals, employed) in demo.load_volumes(years).items():
            self.stdout.write(
                self.style.SUCCESS(
                    f"{year}: {cvs:,} CVs, {firms:,} firms, {referrals:,} referrals, {employed:,} people employed added."
                )
            )
