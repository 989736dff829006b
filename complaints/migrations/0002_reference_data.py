from django.db import migrations

from complaints import reference
from places import turkish


def load(apps, schema_editor):
    Directorate = apps.get_model("complaints", "Directorate")
    Topic = apps.get_model("complaints", "Topic")
    directorates = {}
    for name in reference.DIRECTORATES:
        directorates[name], _ = Directorate.objects.get_or_create(name=name, defaults={"sort_key": turkish.sort_key(name)})
    for name, directorate in reference.TOPICS:
        Topic.objects.get_or_create(
            name=name,
            defaults={"sort_key": turkish.sort_key(name), "default_directorate": directorates.get(directorate)},
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
