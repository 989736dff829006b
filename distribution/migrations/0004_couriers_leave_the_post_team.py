"""Couriers were put in the post team's group too, which gave them every permission of the coordinators.

They leave it: a courier keeps the couriers' group, whose one permission (the
admin's door) distribution.groups grants after every migrate.
"""

from django.db import migrations

TEAM = "Çözüm Postası"
COURIERS = "Çözüm Postası kuryeleri"


def couriers_leave_the_post_team(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    team = Group.objects.filter(name=TEAM).first()
    couriers = Group.objects.filter(name=COURIERS).first()
    if team is None or couriers is None:
        return
    team.user_set.remove(*couriers.user_set.all())


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("distribution", "0003_route_limits_at_least_one"),
    ]

    operations = [migrations.RunPython(couriers_leave_the_post_team, migrations.RunPython.noop)]
