from django.db import migrations, models
from django.utils import timezone


def date_existing_registrations(apps, schema_editor):
    """Places taken before people chose a date: a single event's day, or the series' next date from today."""
    from events import recurrence

    Registration = apps.get_model("events", "Registration")
    now = timezone.now()
    for registration in Registration.objects.filter(occurrence_date__isnull=True).select_related("event"):
        event = registration.event
        rule = recurrence.rule_for(event)
        start = event.starts_at
        if rule is not None:
            following = rule.after(recurrence.local(now).replace(tzinfo=None), inc=True)
            start = recurrence.make_aware(following) if following else start
        registration.occurrence_date = recurrence.local(start).date()
        registration.save(update_fields=["occurrence_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="occurrence_date",
            field=models.DateField(blank=True, null=True, verbose_name="date"),
        ),
        migrations.RunPython(date_existing_registrations, migrations.RunPython.noop, elidable=True),
    ]
