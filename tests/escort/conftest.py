import datetime

import pytest

from escort import groups
from escort.models import Booking, Office, SlotCapacity
from tests.factories import UserFactory

# A Monday far from any public holiday; the booking window is the 14 working days after it.
TODAY = datetime.date(2026, 3, 2)
TUESDAY = datetime.date(2026, 3, 3)


@pytest.fixture
def offices(db):
    return [
        Office.objects.create(name="Çözüm Merkezi", floor="Zemin kat", sort_order=1),
        Office.objects.create(name="Zabıta Müdürlüğü", floor="1. kat", sort_order=2),
        Office.objects.create(name="Yazı İşleri Müdürlüğü (evlendirme)", floor="Zemin kat", sort_order=3),
    ]


@pytest.fixture
def roster(db):
    """One escort an hour on weekdays, two at 10:00."""
    for weekday in range(5):
        for hour in range(9, 17):
            SlotCapacity.objects.create(weekday=weekday, hour=hour, escorts=2 if hour == 10 else 1)


@pytest.fixture
def today(monkeypatch):
    """Freeze the escort app's idea of today at TODAY."""
    from django.utils import timezone

    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def booking(office, day=TUESDAY, hour=9, **fields):
    fields.setdefault("visitor_name", "Ayşe Demir")
    fields.setdefault("phone", "+905321234567")
    return Booking.objects.create(date=day, hour=hour, office=office, **fields)


@pytest.fixture
def escort_user(db):
    user = UserFactory(email="refakat@example.org", first_name="Zeynep", last_name="Karaca")
    user.groups.add(groups.ensure_unit_group())
    return user


@pytest.fixture
def call_centre_user(db):
    user = UserFactory(email="cagri@example.org")
    user.groups.add(groups.ensure_call_centre())
    return user
