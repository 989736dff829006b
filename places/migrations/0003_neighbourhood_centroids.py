"""An approximate centre (latitude, longitude) for each of Ümraniye's 37 mahalles.

The points are approximate (read off a map to about a few hundred metres), good enough for "how far is it" in
kilometres and for placing a mahalle on a map; correct a row when a better centroid is known.
"""

from decimal import Decimal

from django.db import migrations, models

CENTROIDS = {
    "Adem Yavuz": ("41.03390", "29.13870"),
    "Altınşehir": ("41.04440", "29.14720"),
    "Armağanevler": ("41.03010", "29.10880"),
    "Atakent": ("41.02520", "29.12570"),
    "Atatürk": ("41.01770", "29.12230"),
    "Aşağı Dudullu": ("41.00560", "29.15620"),
    "Cemil Meriç": ("41.03360", "29.09660"),
    "Dumlupınar": ("41.03930", "29.10460"),
    "Elmalıkent": ("41.01620", "29.11400"),
    "Esenevler": ("41.01590", "29.14150"),
    "Esenkent": ("41.00420", "29.17530"),
    "Esenşehir": ("40.99780", "29.18650"),
    "Fatih Sultan Mehmet": ("40.99390", "29.14330"),
    "Finanskent": ("40.99920", "29.12930"),
    "Hekimbaşı": ("41.05240", "29.11150"),
    "Huzur": ("41.04310", "29.12880"),
    "Ihlamurkuyu": ("41.04710", "29.14290"),
    "Kazım Karabekir": ("41.03540", "29.10520"),
    "Madenler": ("41.01910", "29.17600"),
    "Mehmet Akif": ("41.03000", "29.15300"),
    "Namık Kemal": ("41.02400", "29.10660"),
    "Necip Fazıl": ("41.02290", "29.16200"),
    "Parseller": ("41.02890", "29.16010"),
    "Saray": ("41.04290", "29.10490"),
    "Site": ("41.01600", "29.09510"),
    "Tantavi": ("41.01200", "29.12300"),
    "Tatlısu": ("41.00800", "29.16890"),
    "Tepeüstü": ("41.01810", "29.15300"),
    "Topağacı": ("41.03600", "29.11700"),
    "Yamanevler": ("41.02680", "29.13500"),
    "Yenişehir": ("41.00230", "29.11200"),
    "Yukarı Dudullu": ("41.01420", "29.16500"),
    "Çakmak": ("41.03500", "29.12900"),
    "Çamlık": ("41.01500", "29.08000"),
    "İnkılap": ("41.02300", "29.13800"),
    "İstiklal": ("41.02920", "29.11600"),
    "Şerifali": ("40.99600", "29.16000"),
}


def fill(apps, schema_editor):
    Neighbourhood = apps.get_model("places", "Neighbourhood")
    for name, (latitude, longitude) in CENTROIDS.items():
        Neighbourhood.objects.filter(name=name, latitude__isnull=True).update(
            latitude=Decimal(latitude), longitude=Decimal(longitude)
        )


class Migration(migrations.Migration):
    dependencies = [("places", "0002_load_neighbourhoods")]

    operations = [
        migrations.AddField(
            model_name="neighbourhood",
            name="latitude",
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True, verbose_name="latitude"),
        ),
        migrations.AddField(
            model_name="neighbourhood",
            name="longitude",
            field=models.DecimalField(blank=True, decimal_places=5, max_digits=8, null=True, verbose_name="longitude"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
