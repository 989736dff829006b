"""The demo content of `make run` for tests that start from it, loaded once per test process and copied back after.

`load_demo_content` takes about twenty seconds; the browser tests start from it, about seventy of them. The first
call in a process runs the command and keeps a copy of every table (PostgreSQL's COPY, SQLite's rows, and the
sequences); a later call on a database in the same state as before that first load (every table's row count)
empties the tables and copies them back, in about a second. A database in another state (a test that made rows
of its own first) gets the command itself. The files the demo wrote stay where it wrote them: the tables point
to the same names. The tests of the command itself (tests/home/test_demo_content.py and others) call it directly.
"""

import io

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_kept = {}


def load_demo_content(**options):
    """The demo content in the test database, as `call_command("load_demo_content", **options)` leaves it."""
    key = (connection.vendor, connection.settings_dict["NAME"], tuple(sorted(options.items())))
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        # Which rows the tables hold, not how far their numbering went.
        before = {table: count for table, count in _counts(cursor, tables).items() if table != "sqlite_sequence"}
    kept = _kept.get(key)
    if kept is not None and kept["before"] == before:
        with transaction.atomic(), connection.cursor() as cursor:
            _restore(cursor, kept)
        return
    call_command("load_demo_content", stdout=io.StringIO(), **options)
    if kept is None:
        with connection.cursor() as cursor:
            _kept[key] = {"before": before, **_capture(cursor, _tables(cursor))}


def _tables(cursor):
    tables = sorted(connection.introspection.table_names(cursor))
    if connection.vendor == "sqlite":
        # A full-text table (Wagtail's search index) and its shadow tables follow their table through its
        # triggers: written directly, the index is corrupt.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        virtual = tuple(row[0] for row in cursor.fetchall())
        tables = [table for table in tables if not table.startswith(virtual)]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
        tables += [row[0] for row in cursor.fetchall()]
    return tables


def _counts(cursor, tables):
    quote = connection.ops.quote_name
    cursor.execute(" UNION ALL ".join(f"SELECT %s, COUNT(*) FROM {quote(table)}" for table in tables), tables)
    return dict(cursor.fetchall())


def _capture(cursor, tables):
    quote = connection.ops.quote_name
    counts = _counts(cursor, tables)
    filled = [table for table in tables if counts[table]]
    if connection.vendor == "postgresql":
        rows = {}
        for table in filled:
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                rows[table] = b"".join(bytes(block) for block in copy)
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
            "WHERE schemaname = current_schema()"
        )
        return {"tables": tables, "rows": rows, "sequences": cursor.fetchall()}
    rows = {}
    for table in filled:
        cursor.execute(f"SELECT * FROM {quote(table)}")
        rows[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return {"tables": tables, "rows": rows, "sequences": []}


def _restore(cursor, kept):
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # Django's foreign keys are checked at the commit, so the order of the tables does not matter.
        for statement in connection.ops.sql_flush(no_style(), kept["tables"], allow_cascade=True):
            cursor.execute(statement)
        for table, data in kept["rows"].items():
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(data)
        for sequence, value in kept["sequences"]:
            cursor.execute("SELECT setval(%s, %s, %s)", [sequence, value or 1, value is not None])
        return
    for table in kept["tables"]:
        cursor.execute(f"DELETE FROM {quote(table)}")
    for table, (columns, rows) in kept["rows"].items():
        names = ", ".join(quote(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
