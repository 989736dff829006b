from django.conf import settings
from django.db import migrations, models


def fill_street_keys(apps, schema_editor):
    """The street key of every case that still holds an address (an anonymised one holds none)."""
    from places.turkish import street_key

    Case = apps.get_model("complaints", "Case")
    located = Case.objects.exclude(address="").only("pk", "address").order_by("pk")
    batch = []
    for case in located.iterator(chunk_size=2000):
        case.street_key = street_key(case.address)
        if case.street_key:
            batch.append(case)
        if len(batch) >= 2000:
            Case.objects.bulk_update(batch, ["street_key"])
            batch = []
    Case.objects.bulk_update(batch, ["street_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0015_publishing"),
        ("places", "0004_known_addresses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="street_key",
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="street key"),
        ),
        migrations.RunPython(fill_street_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("hidden_from_public", False), ("public_consent", True)),
                fields=["topic", "street_key", "-received_at"],
                name="case_public_street",
            ),
        ),
    ]
