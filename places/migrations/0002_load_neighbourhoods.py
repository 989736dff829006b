"""The 37 neighbourhoods of Ümraniye, from the 2020 annual report (places/data/mahalleler-2020.csv)."""

import csv
from pathlib import Path

from django.db import migrations

from places import turkish

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "mahalleler-2020.csv"


def load(apps, schema_editor):
    Neighbourhood = apps.get_model("places", "Neighbourhood")
    with CSV_PATH.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            name = row["mahalle"].strip()
            Neighbourhood.objects.update_or_create(
                name=name,
                defaults={"slug": turkish.slugify(name), "sort_key": turkish.sort_key(name)},
            )


def unload(apps, schema_editor):
    apps.get_model("places", "Neighbourhood").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
