from django.db import migrations

# Staff search a case's text with icontains, which PostgreSQL runs as UPPER(column) LIKE '%…%':
# trigram indexes on those expressions keep it fast on a year's cases. pg_trgm is a trusted
# extension, so the database's owner may create it. SQLite has no such index and needs none.
COLUMNS = ["description", "address", "name"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS case_{column}_trgm ON complaints_case USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS case_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_reference_data")]

    operations = [migrations.RunPython(create, drop)]
