"""Turkish names for the groups, workflow and task that Wagtail's own migrations create in English.

Staff meet them by name ("Moderators approval" in a page's status panel), and data is
not translated by the catalogue. Only the untouched English names are renamed.
"""

from django.db import migrations

GROUPS = {"Moderators": "Moderatörler", "Editors": "Editörler"}
WORKFLOWS = {"Moderators approval": "Moderatör onayı"}


def rename(apps, schema_editor, groups=GROUPS, workflows=WORKFLOWS):
    for old, new in groups.items():
        if not apps.get_model("auth", "Group").objects.filter(name=new).exists():
            apps.get_model("auth", "Group").objects.filter(name=old).update(name=new)
    for old, new in workflows.items():
        apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
        apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(
        apps,
        schema_editor,
        groups={new: old for old, new in GROUPS.items()},
        workflows={new: old for old, new in WORKFLOWS.items()},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("theme", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
