"""Fail when a user-facing string has no Turkish translation.

Extracts the project's messages into a temporary copy of the Turkish catalogue
(the working tree is not touched) and reports every entry that is new,
untranslated or fuzzy. Fix with `make makemessages`, then translate.
"""

import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

IGNORED = [".venv", "test-results", "tests", "bench", "static", "media"]
# The walk would otherwise adopt the project's own locale folder as the target.
WALK_IGNORED = [*IGNORED, "locale"]


class Command(BaseCommand):
    help = "Check that every translatable string of the project has a Turkish translation."

    def handle(self, *args, **options):
        catalogue = Path(settings.LOCALE_PATHS[0]) / "tr" / "LC_MESSAGES" / "django.po"
        # makemessages files each source under the first locale folder whose parent
        # holds it, so the temporary catalogue must sit directly in the project root.
        with tempfile.TemporaryDirectory(dir=settings.BASE_DIR, prefix=".check-translations-") as temporary:
            copy = Path(temporary) / "tr" / "LC_MESSAGES" / "django.po"
            copy.parent.mkdir(parents=True)
            shutil.copy(catalogue, copy)
            with override_settings(LOCALE_PATHS=[temporary]):
                call_command("makemessages", locale=["tr"], ignore_patterns=WALK_IGNORED, no_obsolete=True, verbosity=0)
            entries = polib.pofile(str(copy))
        missing = [entry.msgid for entry in entries if not entry.translated() or "fuzzy" in entry.flags]
        if missing:
            listing = "\n".join(f"  - {msgid}" for msgid in missing)
            raise CommandError(f"{len(missing)} strings have no Turkish translation:\n{listing}")
        self.stdout.write(f"All {len(entries)} strings have a Turkish translation.")
