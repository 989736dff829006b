import datetime

import pytest
from django.utils import timezone

from complaints import sms
from complaints.models import Topic
from fieldwork import access, visits
from fieldwork.models import PlannedStop, Satisfaction, VisitKind, VisitPlan
from places.models import Neighbourhood
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def groups(db):
    return access.ensure_groups()


@pytest.fixture
def officer(groups):
    person = UserFactory(first_name="Kemal", last_name="Yıldız")
    person.groups.add(groups[0])
    return person


@pytest.fixture
def other_officer(groups):
    person = UserFactory(first_name="Derya", last_name="Koç")
    person.groups.add(groups[0])
    return person


@pytest.fixture
def supervisor(groups):
    person = UserFactory(first_name="Sevgi", last_name="Aksoy")
    person.groups.add(groups[1])
    return person


@pytest.fixture
def cakmak(db):
    return Neighbourhood.objects.get(name="Çakmak")


@pytest.fixture
def asphalt(db):
    return Topic.objects.get(name="Asfalt Onarımı")


@pytest.fixture
def plan(officer, cakmak):
    plan = VisitPlan.objects.create(
        date=timezone.localdate(), neighbourhood=cakmak, streets="Alemdağ Caddesi\nGül Sokak"
    )
    plan.staff.add(officer)
    PlannedStop.objects.create(plan=plan, position=1, name="Yıldız Fırını", street="Alemdağ Caddesi", building_no="12")
    PlannedStop.objects.create(plan=plan, position=2, name="Gül Eczanesi", street="Gül Sokak", building_no="3")
    return plan


@pytest.fixture
def make_visit(officer, cakmak):
    def make(**fields):
        defaults = {
            "recorded_by": officer,
            "kind": VisitKind.SHOPKEEPER,
            "neighbourhood": cakmak,
            "street": "Alemdağ Caddesi",
            "business_name": "Yıldız Fırını",
            "person_name": "Hasan Yıldız",
            "person_role": "İşletme sahibi",
            "satisfaction": Satisfaction.HIGH,
            "contact_consent": True,
            "contact_phone": "+905321112233",
        }
        return visits.record_visit(**{**defaults, **fields})

    return make


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)
