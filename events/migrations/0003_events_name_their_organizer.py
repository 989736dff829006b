from django.db import migrations


def add_organizer(apps, schema_editor):
    """Stored VEVENTs from before ORGANIZER: give each the council's, as serialise_event now writes it."""
    from icalendar import Event

    from events import ical

    holder = Event()
    holder.add("organizer", ical.organizer())
    # The property as icalendar writes it, folded if long: everything between BEGIN and END.
    lines = holder.to_ical().decode().removeprefix("BEGIN:VEVENT\r\n").removesuffix("END:VEVENT\r\n")
    EventPage = apps.get_model("events", "EventPage")
    for event in EventPage.objects.exclude(ical_component="").exclude(ical_component__contains="\r\nORGANIZER"):
        event.ical_component = event.ical_component.replace("BEGIN:VEVENT\r\n", f"BEGIN:VEVENT\r\n{lines}")
        event.save(update_fields=["ical_component"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_registration_occurrence_date"),
    ]

    operations = [
        migrations.RunPython(add_organizer, migrations.RunPython.noop, elidable=True),
    ]
