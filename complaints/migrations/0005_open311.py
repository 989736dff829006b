import uuid

from django.db import migrations, models
import django.utils.timezone


def give_uuids(apps, schema_editor):
    Case = apps.get_model("complaints", "Case")
    for pk in Case.objects.values_list("pk", flat=True).iterator():
        Case.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_notification_retry_permission")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.CreateModel(
            name="ApiKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="Who uses it, e.g. “İBB Beyaz Masa”.", max_length=150, verbose_name="name")),
                ("prefix", models.CharField(editable=False, max_length=8, verbose_name="key begins with")),
                ("key_hash", models.CharField(editable=False, max_length=64, unique=True)),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="created at")),
                ("last_used_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last used at")),
            ],
            options={"verbose_name": "API key", "verbose_name_plural": "API keys", "ordering": ["name"]},
        ),
    ]
