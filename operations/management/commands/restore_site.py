from django.core.management.base import BaseCommand

from operations import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site: checks every checksum, then restores the database (pg_restore --clean "
        "--if-exists --no-owner in one transaction, or a copy of the SQLite file) and makes the media folders hold "
        "exactly the backup's files. Stop the web servers and task workers first. A target that holds data is "
        "replaced only with --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder or .tar archive.")
        parser.add_argument(
            "--database-url", help="Restore into this database instead of the site's (postgres://… or sqlite:///…)."
        )
        parser.add_argument("--media-root", help="Restore the public media here instead of MEDIA_ROOT.")
        parser.add_argument("--private-root", help="Restore the private files here instead of the private storage.")
        parser.add_argument("--yes", action="store_true", help="Replace a database or folders that hold data.")
        parser.add_argument("--database", default="default", help="Database alias to restore into (default: default).")

    def handle(self, *args, source, database_url=None, media_root=None, private_root=None, yes=False, **options):
        summary = backup.restore(
            source,
            database_url=database_url,
            media_root=media_root,
            private_root=private_root,
            yes=yes,
            using=options["database"],
        )
        self.stdout.write(
            f"Restored the backup of {summary['created_at']} into the {summary['vendor']} database "
            f"{summary['database']}."
        )
        for area, result in summary["files"].items():
            if isinstance(result, str):
                self.stdout.write(f"  {area}: {result}")
            else:
                self.stdout.write(
                    f"  {area}: {result['restored']} files restored into {result['root']}, "
                    f"{result['removed']} files not in the backup removed"
                )
        if summary["migrations_to_apply"]:
            self.stdout.write(
                f"This code has {len(summary['migrations_to_apply'])} migrations the backup lacks: "
                "run `manage.py migrate`."
            )
        if summary["migrations_unknown"]:
            self.stderr.write(
                f"The backup has {len(summary['migrations_unknown'])} migrations this code does not know "
                "(it is newer): deploy the matching code."
            )
