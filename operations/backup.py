"""Backups of the whole site, and their restore: the database and the uploaded files, in one directory or .tar.

A backup is a directory named after its time (or the same directory in a .tar archive):

    manifest.json      when, which database, the migrations applied, file counts, the checksums below
    database.dump      PostgreSQL: `pg_dump --format=custom` of the site's database
    database.sqlite3   SQLite: a copy made with SQLite's online backup API (consistent while the site runs)
    media/...          the default storage (MEDIA_ROOT: images, documents)
    private/...        the private storage (case photos, imported rosters)
    SHA256SUMS         every file's checksum; `sha256sum -c SHA256SUMS` checks a copy by hand

It is written under a hidden temporary name and renamed only when complete, so a backup that
exists is whole. It holds personal data, so it is readable by its owner only. Storages that are
not on the file system (object storage) are left out and said so: the bucket's own versioning or
replication backs them up.
"""

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import dj_database_url
import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Folder in the backup -> storage alias in settings.STORAGES.
AREAS = {"media": "default", "private": "private"}
# The libpq connection parameters Django's OPTIONS may carry (others, like "pool", are Django's own).
LIBPQ_OPTIONS = {
    "application_name",
    "channel_binding",
    "connect_timeout",
    "gssencmode",
    "options",
    "passfile",
    "service",
    "sslcert",
    "sslcrl",
    "sslkey",
    "sslmode",
    "sslnegotiation",
    "sslpassword",
    "sslrootcert",
    "target_session_attrs",
}
CHUNK = 1024 * 1024


class BackupError(CommandError):
    """A backup or restore that cannot go on; nothing half-done is left behind."""


# Databases


def vendor_of(settings_dict):
    engine = settings_dict.get("ENGINE", "")
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine!r}.")


def _libpq(settings_dict):
    """(conninfo, environment) for the PostgreSQL tools: the password goes in the environment, never in argv."""
    from psycopg.conninfo import make_conninfo

    options = {key: value for key, value in (settings_dict.get("OPTIONS") or {}).items() if key in LIBPQ_OPTIONS}
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
        "dbname": settings_dict.get("NAME") or None,
        "user": settings_dict.get("USER") or None,
        **options,
    }
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return make_conninfo(**{key: value for key, value in params.items() if value is not None}), env


def _tool(name):
    """The path of pg_dump or pg_restore, from BACKUP_PG_BIN_DIR (a client matching the server) or the PATH."""
    found = shutil.which(name, path=getattr(settings, "BACKUP_PG_BIN_DIR", None) or None)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools (e.g. the postgresql-client package) "
            f"of the server's version, or set BACKUP_PG_BIN_DIR to their folder."
        )
    return found


def _run(args, env, what):
    try:
        finished = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as error:
        raise BackupError(f"{what} could not be started: {error}") from error
    if finished.returncode != 0:
        detail = (finished.stderr or finished.stdout or "").strip()[-2000:]
        raise BackupError(f"{what} failed (exit status {finished.returncode}): {detail}")


def _dump(using, path):
    """Write the database of connection `using` to `path`; returns its vendor."""
    connection = connections[using]
    vendor = vendor_of(connection.settings_dict)
    if vendor == "postgresql":
        conninfo, env = _libpq(connection.settings_dict)
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={path}", f"--dbname={conninfo}"],
            env,
            "pg_dump",
        )
    else:
        # Through the site's own connection, so an in-memory database (the test suite's) is copied too.
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"The SQLite backup failed: {error}") from error
        finally:
            target.close()
    return vendor


def _migrations(using):
    applied = MigrationRecorder(connections[using]).applied_migrations()
    state = {}
    for app, name in sorted(applied):
        state.setdefault(app, []).append(name)
    return state


def _pg_has_data(settings_dict):
    import psycopg

    conninfo, env = _libpq(settings_dict)
    try:
        with psycopg.connect(conninfo, password=env.get("PGPASSWORD")) as connection:
            return connection.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c"
                " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema'"
                " AND n.nspname NOT LIKE 'pg\\_%')"
            ).fetchone()[0]
    except psycopg.Error as error:
        raise BackupError(
            f"Cannot connect to the target database {settings_dict.get('NAME')!r}: {error}. Create it first "
            f"(createdb), empty, owned by the site's database user."
        ) from error


def _sqlite_has_data(path):
    if not path or not Path(path).exists():
        return False
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
    finally:
        connection.close()


# Files


def storage_root(alias):
    """The folder of a file-system storage, or None when the storage lives elsewhere (object storage)."""
    storage = storages[alias]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy(source, target):
    """Copy one file, hashing the bytes as they are written; returns (sha256, size)."""
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as reading, open(target, "xb") as writing:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
            writing.write(chunk)
            size += len(chunk)
    shutil.copystat(source, target)
    return digest.hexdigest(), size


def _files(root, skip=()):
    """(path, relative path) of the regular files under `root`, in a stable order, links not followed."""
    skip = [Path(path).resolve() for path in skip]
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if (here / name).resolve() not in skip)
        for name in sorted(names):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(root).as_posix()


def _copy_tree(root, target, skip):
    """Copy the files under `root` into `target`; returns ({relative path: sha256}, bytes, skipped paths)."""
    sums, total, skipped = {}, 0, []
    for path, relative in _files(root, skip):
        if "\n" in relative or "\r" in relative:
            skipped.append(relative)  # cannot be listed in SHA256SUMS
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            sums[relative], size = _copy(path, destination)
        except FileNotFoundError:
            continue  # deleted while the backup ran: the database no longer points to it either
        total += size
    return sums, total, skipped


def _has_files(root):
    return root is not None and root.is_dir() and next(_files(root), None) is not None


# Backup


def default_directory():
    return Path(getattr(settings, "BACKUP_DIR", None) or Path(settings.BASE_DIR) / "backups")


def create(output_dir=None, *, archive=False, using="default", now=None):
    """Back up the database of `using` and the file-system storages into `output_dir`; returns the backup's path."""
    output_dir = Path(output_dir or default_directory())
    output_dir.mkdir(parents=True, exist_ok=True)
    now = now or timezone.now()
    name = f"kentkonseyi-{now.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"
    final = output_dir / (f"{name}.tar" if archive else name)
    if final.exists():
        raise BackupError(f"{final} exists already.")
    work = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=output_dir))  # mode 0700
    partial_tar = output_dir / f".{name}.tar.partial"
    try:
        vendor = vendor_of(connections[using].settings_dict)
        database_file = DATABASE_FILES[vendor]
        _dump(using, work / database_file)
        sums = {database_file: _sha256(work / database_file)}
        areas = {}
        for area, alias in AREAS.items():
            root = storage_root(alias)
            if root is None:
                areas[area] = {"storage": alias, "skipped": "not on the file system"}
                continue
            copied, size, skipped = _copy_tree(root, work / area, skip=[output_dir])
            sums.update({f"{area}/{relative}": digest for relative, digest in copied.items()})
            areas[area] = {"storage": alias, "root": str(root), "files": len(copied), "bytes": size}
            if skipped:
                areas[area]["skipped_files"] = skipped
        (work / SUMS).write_text("".join(f"{digest}  {path}\n" for path, digest in sorted(sums.items())))
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "django": django.get_version(),
            "database": {
                "vendor": vendor,
                "name": str(connections[using].settings_dict.get("NAME")),
                "file": database_file,
                "sha256": sums[database_file],
                "bytes": (work / database_file).stat().st_size,
            },
            "migrations": _migrations(using),
            "files": areas,
            "sha256sums": _sha256(work / SUMS),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        if archive:
            with tarfile.open(partial_tar, "w") as tar:
                tar.add(work, arcname=name)
            partial_tar.chmod(0o600)
            os.replace(partial_tar, final)
            shutil.rmtree(work)
        else:
            work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        partial_tar.unlink(missing_ok=True)
        raise
    return final


# Restore


@contextlib.contextmanager
def opened(source):
    """(folder, manifest) of a backup folder or .tar archive (unpacked into a temporary folder meanwhile)."""
    source = Path(source)
    if source.is_dir():
        yield source, _manifest(source)
        return
    if not source.is_file() or not tarfile.is_tarfile(source):
        raise BackupError(f"{source} is neither a backup folder nor a .tar archive of one.")
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=getattr(settings, "BACKUP_TEMP_DIR", None)) as temp:
        with tarfile.open(source) as tar:
            tar.extractall(temp, filter="data")
        found = [path.parent for path in Path(temp).glob(f"*/{MANIFEST}")]
        if len(found) != 1:
            raise BackupError(f"{source} does not hold exactly one backup.")
        yield found[0], _manifest(found[0])


def manifest_of(path):
    """The manifest of a backup folder or .tar archive, without unpacking the archive."""
    path = Path(path)
    if path.is_dir():
        return _manifest(path)
    with tarfile.open(path) as tar:
        member = next((m for m in tar.getmembers() if m.isfile() and Path(m.name).name == MANIFEST), None)
        if member is None:
            raise BackupError(f"{path} holds no {MANIFEST}.")
        return json.loads(tar.extractfile(member).read())


def _manifest(folder):
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is a backup of format {manifest.get('format')}, this site reads {FORMAT}.")
    return manifest


def _listed(folder):
    """{relative path: sha256} from the backup's SHA256SUMS."""
    listed = {}
    for line in (folder / SUMS).read_text().splitlines():
        digest, _, path = line.partition("  ")
        listed[path] = digest
    return listed


def verify(folder, manifest):
    """Check every file of the backup against its checksum; BackupError at the first that differs or is missing."""
    if _sha256(folder / SUMS) != manifest["sha256sums"]:
        raise BackupError(f"{SUMS} does not match the manifest: the backup was changed or is damaged.")
    listed = _listed(folder)
    if listed.get(manifest["database"]["file"]) != manifest["database"]["sha256"]:
        raise BackupError("The database file's checksum differs between the manifest and SHA256SUMS.")
    for path, digest in listed.items():
        file = folder / path
        if not file.is_file() or _sha256(file) != digest:
            raise BackupError(f"{path} is missing or damaged in the backup.")
    return listed


def _restore_database(folder, manifest, target, vendor, using, database_url):
    dump = folder / manifest["database"]["file"]
    if vendor == "postgresql":
        conninfo, env = _libpq(target)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                # All or nothing: a failure leaves the database as it was.
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={conninfo}",
                str(dump),
            ],
            env,
            "pg_restore",
        )
        return
    # SQLite's backup API copies every page in one step: the target holds the old database or the new one.
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        if database_url is None:
            # The site's own database: through its connection, which also serves an in-memory database.
            connections[using].ensure_connection()
            source.backup(connections[using].connection)
        else:
            Path(target["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            destination = sqlite3.connect(target["NAME"])
            try:
                source.backup(destination)
            finally:
                destination.close()
    except sqlite3.Error as error:
        raise BackupError(f"The SQLite restore failed: {error}") from error
    finally:
        source.close()


def _restore_files(folder, area, root, listed):
    """Make `root` hold exactly the backup's files of `area`; returns (restored, removed)."""
    prefix = f"{area}/"
    wanted = {path.removeprefix(prefix) for path in listed if path.startswith(prefix)}
    root.mkdir(parents=True, exist_ok=True)
    for relative in sorted(wanted):
        destination = root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(f".{destination.name}.restoring")
        temporary.unlink(missing_ok=True)
        _copy(folder / area / relative, temporary)
        os.replace(temporary, destination)
    # Files uploaded after the backup belong to rows the restored database no longer has.
    removed = 0
    for path, relative in list(_files(root)):
        if relative not in wanted:
            path.unlink()
            removed += 1
    return len(wanted), removed


def _migration_gap(manifest):
    """(migrations this code has that the backup lacks, migrations of the backup this code does not know)."""
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    return sorted(on_disk - in_backup), sorted(in_backup - on_disk)


def restore(source, *, database_url=None, media_root=None, private_root=None, yes=False, using="default"):
    """Restore a backup into a database (the site's own, or `database_url`) and the media folders.

    Every checksum is verified first. A target that holds data already (any table, any file) is
    replaced only with `yes`. Returns a summary for the command to print.
    """
    with opened(source) as (folder, manifest):
        listed = verify(folder, manifest)
        target = dj_database_url.parse(database_url) if database_url else connections[using].settings_dict
        vendor = vendor_of(target)
        if vendor != manifest["database"]["vendor"]:
            raise BackupError(f"The backup holds a {manifest['database']['vendor']} database, the target is {vendor}.")
        roots = {
            "media": Path(media_root) if media_root else storage_root(AREAS["media"]),
            "private": Path(private_root) if private_root else storage_root(AREAS["private"]),
        }
        occupied = []
        has_data = _pg_has_data(target) if vendor == "postgresql" else _sqlite_has_data(target.get("NAME"))
        if has_data:
            occupied.append(f"the database {target.get('NAME')!r}")
        occupied += [str(root) for root in roots.values() if _has_files(root)]
        if occupied and not yes:
            raise BackupError(
                f"Not restored: {', '.join(occupied)} already hold data, which the backup would replace. "
                f"Run again with --yes to replace it."
            )
        if database_url is None and vendor == "postgresql":
            if connections[using].in_atomic_block:
                raise BackupError("Cannot restore the site's own database from inside a transaction.")
            connections[using].close()  # our own session must not hold locks on the tables being replaced
        _restore_database(folder, manifest, target, vendor, using, database_url)
        files = {}
        for area, root in roots.items():
            if root is None:
                files[area] = "skipped: the storage is not on the file system"
            else:
                files[area] = dict(
                    zip(("restored", "removed"), _restore_files(folder, area, root, listed), strict=True)
                )
                files[area]["root"] = str(root)
        missing, unknown = _migration_gap(manifest)
        return {
            "created_at": manifest["created_at"],
            "database": target.get("NAME"),
            "vendor": vendor,
            "files": files,
            "migrations_to_apply": missing,
            "migrations_unknown": unknown,
        }
