"""Backup and restore: what backup_site writes, restore_site brings back whole into a fresh database and folders."""

import datetime
import io
import json
import secrets
import sqlite3
import stat
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from assemblies.models import Membership
from complaints import cases
from complaints.models import Attachment, Case, CaseEvent, Channel, Topic
from complaints.photos import CleanPhoto
from events.models import EventPage
from operations import backup
from places.models import Neighbourhood
from tests.events.conftest import make_event
from tests.factories import MembershipFactory

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def media(settings, tmp_path):
    """The public media in a folder of this test's own, with one uploaded document in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("documents/kent-konseyi-yonetmeligi.pdf", ContentFile(b"%PDF-1.4 " + secrets.token_bytes(512)))
    return settings.MEDIA_ROOT


@pytest.fixture
def site_data(assembly, media, settings):
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    filed = []
    for number in range(3):
        photo = CleanPhoto(
            content=b"\xff\xd8\xff" + secrets.token_bytes(256) + b"\xff\xd9",
            extension="jpg",
            content_type="image/jpeg",
            width=4,
            height=4,
        )
        case = cases.file_case(
            channel=Channel.PHONE,
            kind=Case.Kind.REQUEST,
            topic=Topic.objects.get(name="Asfalt Onarımı"),
            neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
            description=f"Çukur {number}",
            name=f"Vatandaş {number}",
            phone="+905321234567",
            photos=[photo],
            notify=False,
        )
        cases.add_note(case, "Ekip yönlendirildi.")
        filed.append(case)
    for _ in range(2):
        MembershipFactory(assembly=assembly, state=Membership.State.APPROVED)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    make_event(assembly, title="Kadın Meclisi toplantısı", starts_at=start)
    return filed


def expected_rows():
    """The rows the restored database must hold, by id, from the site's own database."""
    return {
        "cases": sorted(Case.objects.values_list("id", "tracking_number", "name", "description")),
        "history": sorted(CaseEvent.objects.values_list("id", "case_id", "action")),
        "memberships": sorted(Membership.objects.values_list("id", "assembly_id", "full_name", "email")),
        "events": sorted(EventPage.objects.values_list("id", "title", "venue_name")),
        "attachments": sorted(Attachment.objects.values_list("id", "case_id", "file")),
    }


QUERIES = {
    "cases": "SELECT id, tracking_number, name, description FROM complaints_case",
    "history": "SELECT id, case_id, action FROM complaints_caseevent",
    "memberships": "SELECT id, assembly_id, full_name, email FROM assemblies_membership",
    "events": "SELECT p.id, p.title, e.venue_name FROM events_eventpage e JOIN wagtailcore_page p"
    " ON p.id = e.page_ptr_id",
    "attachments": "SELECT id, case_id, file FROM complaints_attachment",
}


class FreshDatabase:
    """An empty database next to the test database: a new PostgreSQL database, or a new SQLite file."""

    def __init__(self, tmp_path):
        self.settings = connection.settings_dict
        if POSTGRES:
            self.name = f"test_restore_{secrets.token_hex(4)}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            credentials = self.settings["USER"] + (f":{self.settings['PASSWORD']}" if self.settings["PASSWORD"] else "")
            host = f"{self.settings['HOST'] or 'localhost'}:{self.settings['PORT'] or 5432}"
            self.url = f"postgres://{credentials}@{host}/{self.name}"
        else:
            self.name = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.name}"

    def _connect(self, name):
        return psycopg.connect(
            host=self.settings["HOST"] or None,
            port=self.settings["PORT"] or None,
            user=self.settings["USER"] or None,
            password=self.settings["PASSWORD"] or None,
            dbname=name,
            autocommit=True,
        )

    def _admin(self, sql):
        with self._connect("postgres") as admin:
            admin.execute(sql)

    def rows(self):
        if POSTGRES:
            with self._connect(self.name) as restored:
                return {key: sorted(restored.execute(sql).fetchall()) for key, sql in QUERIES.items()}
        restored = sqlite3.connect(self.name)
        try:
            return {key: sorted(restored.execute(sql).fetchall()) for key, sql in QUERIES.items()}
        finally:
            restored.close()

    def drop(self):
        if POSTGRES:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(tmp_path):
    database = FreshDatabase(tmp_path)
    yield database
    database.drop()


def files_under(root):
    root = Path(root)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def backup_path(output):
    out = io.StringIO()
    call_command("backup_site", "--output", str(output), stdout=out)
    path = Path(out.getvalue().split("Backup written: ")[1].splitlines()[0])
    assert path.parent == output
    return path


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_a_fresh_database_and_folders(site_data, media, fresh_database, tmp_path):
    output = tmp_path / "backups"
    path = backup_path(output)

    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    newest = max(name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "complaints")
    assert manifest["migrations"]["complaints"][-1] == newest
    assert manifest["files"]["media"]["files"] == 1
    private_root = Path(Attachment.file.field.storage.location)
    assert manifest["files"]["private"]["root"] == str(private_root)
    assert manifest["files"]["private"]["files"] >= 3
    assert [entry.name for entry in output.iterdir()] == [path.name]  # no temporary left behind
    assert stat.S_IMODE(path.stat().st_mode) == 0o700  # personal data: the owner's only

    restored_media, restored_private = tmp_path / "restored-media", tmp_path / "restored-private"
    out = io.StringIO()
    call_command(
        "restore_site",
        str(path),
        "--database-url",
        fresh_database.url,
        "--media-root",
        str(restored_media),
        "--private-root",
        str(restored_private),
        stdout=out,
    )

    assert "Restored the backup" in out.getvalue()
    expected = expected_rows()
    assert len(expected["cases"]) == 3 and len(expected["memberships"]) == 2 and len(expected["events"]) == 1
    assert fresh_database.rows() == expected
    assert files_under(restored_media) == files_under(media)
    for attachment in Attachment.objects.all():
        assert (restored_private / attachment.file.name).read_bytes() == attachment.file.read()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_target_with_data_is_replaced_only_when_asked(site_data, media, fresh_database, tmp_path):
    output = tmp_path / "backups"
    call_command("backup_site", "--output", str(output), "--tar", stdout=io.StringIO())
    (archive,) = output.iterdir()
    assert archive.suffix == ".tar" and stat.S_IMODE(archive.stat().st_mode) == 0o600
    roots = ["--media-root", str(tmp_path / "m"), "--private-root", str(tmp_path / "p")]
    call_command("restore_site", str(archive), "--database-url", fresh_database.url, *roots, stdout=io.StringIO())
    stray = tmp_path / "m" / "uploaded-after-the-backup.txt"
    stray.write_text("yeni")

    with pytest.raises(CommandError, match="already hold data"):
        call_command("restore_site", str(archive), "--database-url", fresh_database.url, *roots)
    assert stray.exists()

    call_command(
        "restore_site", str(archive), "--database-url", fresh_database.url, *roots, "--yes", stdout=io.StringIO()
    )
    assert not stray.exists()
    assert files_under(tmp_path / "m") == files_under(media)
    assert fresh_database.rows() == expected_rows()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_backup_is_refused_before_anything_is_touched(site_data, fresh_database, tmp_path):
    path = backup_path(tmp_path / "backups")
    document = next((path / "media").rglob("*.pdf"))
    document.write_bytes(b"changed")

    with pytest.raises(CommandError, match="damaged"):
        call_command(
            "restore_site",
            str(path),
            "--database-url",
            fresh_database.url,
            "--media-root",
            str(tmp_path / "m"),
            "--private-root",
            str(tmp_path / "p"),
        )
    assert not (tmp_path / "m").exists() and not (tmp_path / "p").exists()
    if not POSTGRES:
        assert not Path(fresh_database.name).exists()


@pytest.mark.skipif(not POSTGRES, reason="pg_dump is PostgreSQL's")
@pytest.mark.django_db
def test_a_missing_or_failing_pg_dump_is_a_clear_error_and_leaves_nothing(settings, tmp_path):
    output = tmp_path / "backups"
    settings.BACKUP_PG_BIN_DIR = str(tmp_path / "no-tools")
    with pytest.raises(CommandError, match="pg_dump was not found"):
        call_command("backup_site", "--output", str(output))
    assert list(output.iterdir()) == []

    tools = tmp_path / "broken-tools"
    tools.mkdir()
    script = tools / "pg_dump"
    script.write_text("#!/bin/sh\necho 'pg_dump: error: connection to server failed' >&2\nexit 1\n")
    script.chmod(0o755)
    settings.BACKUP_PG_BIN_DIR = str(tools)
    with pytest.raises(CommandError, match="pg_dump failed.*connection to server failed"):
        call_command("backup_site", "--output", str(output), "--tar")
    assert list(output.iterdir()) == []


@pytest.mark.django_db
def test_the_backup_folder_layout_is_checked_by_its_own_sums(tmp_path, media):
    path = backup.create(tmp_path / "backups")
    listed = backup.verify(path, json.loads((path / "manifest.json").read_text()))
    assert "database.dump" in listed if POSTGRES else "database.sqlite3" in listed
    assert "media/documents/kent-konseyi-yonetmeligi.pdf" in listed
