from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from complaints import demo
from complaints.models import Case


class Command(BaseCommand):
    help = (
        "Fill the register with a year of cases exactly as the 2020 annual report's tables count them "
        "(91,599 cases by channel, topic, neighbourhood and social-media account), for demonstrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2020)

    def handle(self, *args, year, **options):
        start = timezone.make_aware(timezone.datetime(year, 1, 1))
        end = timezone.make_aware(timezone.datetime(year + 1, 1, 1))
        if Case.objects.filter(received_at__gte=start, received_at__lt=end).exists():
            raise CommandError(f"The register already has cases received in {year}; nothing was added.")
        count = demo.create_year(year)
        self.stdout.write(self.style.SUCCESS(f"{count:,} cases received in {year} added."))
