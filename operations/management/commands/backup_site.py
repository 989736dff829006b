from django.core.management.base import BaseCommand

from operations import backup


class Command(BaseCommand):
    help = (
        "Back up the site: the database (pg_dump --format=custom, or SQLite's online backup) and the uploaded "
        "files of the default and private storages, with a manifest and checksums, into one folder or .tar archive. "
        "The backup appears only once complete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Folder to write the backup in (default: BACKUP_DIR, else backups/ in the project)."
        )
        parser.add_argument("--tar", action="store_true", help="Write one .tar archive instead of a folder.")
        parser.add_argument("--database", default="default", help="Database alias to back up (default: default).")

    def handle(self, *args, output=None, tar=False, database="default", **options):
        path = backup.create(output, archive=tar, using=database)
        self.stdout.write(f"Backup written: {path}")
        manifest = backup.manifest_of(path)
        self.stdout.write(
            f"  database: {manifest['database']['vendor']} {manifest['database']['name']} "
            f"({manifest['database']['bytes']} bytes)"
        )
        for area, about in manifest["files"].items():
            if "skipped" in about:
                self.stdout.write(f"  {area}: skipped ({about['skipped']})")
            else:
                self.stdout.write(f"  {area}: {about['files']} files, {about['bytes']} bytes from {about['root']}")
            for name in about.get("skipped_files", ()):
                self.stderr.write(f"  {area}: left out {name!r} (a line break in its name)")
