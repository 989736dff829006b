import datetime

import pytest

from events import recurrence
from events.models import CalendarPage, EventPage
from tests.conftest import publish


def at(year, month, day, hour=0, minute=0):
    """An Istanbul wall-clock time."""
    return recurrence.make_aware(datetime.datetime(year, month, day, hour, minute))


def make_event(parent, title="Bilgilendirme toplantısı", hours=2, exceptions=(), **fields):
    fields.setdefault("starts_at", at(2026, 12, 4, 18, 30))
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=hours))
    fields.setdefault("summary", "Uzman konuklarla soru ve yanıt.")
    fields.setdefault("venue_name", "Kent Konseyi Salonu")
    event = EventPage(title=title, **fields)
    event.exceptions = list(exceptions)
    event.clean()
    parent.add_child(instance=event)
    return publish(event)


@pytest.fixture
def calendar_page(home_page):
    return publish(CalendarPage(title="Etkinlikler", slug="etkinlikler", show_in_menus=True), parent=home_page)
