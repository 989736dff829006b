from django.core.management.base import BaseCommand

from places import gazetteer
from places.models import KnownAddress


class Command(BaseCommand):
    help = "Fill the suggestion box's known addresses from the recipient book and the register's cases."

    def handle(self, *args, **options):
        added = gazetteer.refresh()
        self.stdout.write(f"{added} added, {KnownAddress.objects.count()} known addresses.")
