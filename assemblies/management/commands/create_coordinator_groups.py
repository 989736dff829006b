from django.core.management.base import BaseCommand

from assemblies.coordinators import ensure_all


class Command(BaseCommand):
    help = "Create or complete the coordinator group of every assembly and the council administrators' group."

    def handle(self, *args, **options):
        groups, administrators = ensure_all()
        for group in groups:
            self.stdout.write(f"  {group.name}")
        self.stdout.write(self.style.SUCCESS(f"{len(groups)} coordinator groups and “{administrators.name}” ready."))
