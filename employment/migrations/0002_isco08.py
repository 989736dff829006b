"""ISCO-08's groups with their Turkish names (employment/data/isco08.csv), so a fresh database has them."""

from django.db import migrations

from employment import occupations


def load(apps, schema_editor):
    occupations.load(apps.get_model("employment", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("employment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
