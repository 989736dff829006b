import datetime

import pytest
from django.utils import timezone

from complaints import cases
from complaints.models import Case, CaseEvent, Channel, Directorate, Topic
from places.models import Neighbourhood

# A resident whose details must never reach a public page or file.
RESIDENT = {
    "name": "Zehra Karakaya",
    "phone": "+905339876543",
    "email": "zehra.karakaya@example.org",
    "address": "Gülistan Sokak No 17 Daire 4",
}


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def make_case(db):
    """A case as the register files it, then answered/rated/published as a test needs."""

    def make(received=datetime.date(2024, 3, 4), answered_after=None, **fields):
        extra = {
            key: fields.pop(key)
            for key in [
                "status",
                "satisfaction",
                "public_consent",
                "hidden_from_public",
                "public_description",
                "moderated_at",
                "latitude",
                "longitude",
                "social_platform",
            ]
            if key in fields
        }
        defaults = {
            "channel": Channel.PHONE,
            "kind": Case.Kind.REQUEST,
            "topic": Topic.objects.get(name="Asfalt Onarımı"),
            "neighbourhood": Neighbourhood.objects.get(name="Çakmak"),
            "description": f"{RESIDENT['name']} yazıyor: sokağımızdaki çukur onarılsın.",
            "address": RESIDENT["address"],
            "name": RESIDENT["name"],
            "phone": RESIDENT["phone"],
            "email": RESIDENT["email"],
            "reply_by": Case.ReplyBy.EMAIL,
            "consent_at": timezone.now(),
            "received_at": at(received),
        }
        case = cases.file_case(notify=False, **{**defaults, **fields})
        if answered_after is not None:
            case.mark_answered(case.received_at + datetime.timedelta(days=answered_after))
            case.status = Case.Status.ANSWERED
            case.public_answer = "Onarıldı."
        for key, value in extra.items():
            setattr(case, key, value)
        case.save()
        return case

    return make


def reopen(case, day):
    CaseEvent.objects.create(case=case, at=at(day, 12), action=CaseEvent.Action.REOPENED, public=True)
    Case.objects.filter(pk=case.pk).update(reopen_count=case.reopen_count + 1)


@pytest.fixture
def works(db):
    return Directorate.objects.get(name="Fen İşleri Müdürlüğü")


@pytest.fixture
def veterinary(db):
    return Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")
