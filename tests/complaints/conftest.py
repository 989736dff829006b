import pytest
from django.utils import timezone

from complaints import cases, groups, sms
from complaints.models import Case, Channel, Directorate, Topic
from places.models import Neighbourhood
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """SMS go to an in-memory outbox, which starts empty and working."""
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0
    yield sms.outbox
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0


@pytest.fixture
def veterinary(db):
    return Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")


@pytest.fixture
def works(db):
    return Directorate.objects.get(name="Fen İşleri Müdürlüğü")


@pytest.fixture
def make_case(db, django_capture_on_commit_callbacks):
    """A case filed as the register files it, its notifications sent as after a commit."""

    def make(**fields):
        defaults = {
            "channel": Channel.PHONE,
            "kind": Case.Kind.REQUEST,
            "topic": Topic.objects.get(name="Asfalt Onarımı"),
            "neighbourhood": Neighbourhood.objects.get(name="Çakmak"),
            "description": "Sokağımızdaki çukurun onarılmasını istiyorum.",
            "name": "Ayşe Yılmaz",
            "phone": "+905321234567",
            "email": "ayse@example.org",
            "reply_by": Case.ReplyBy.EMAIL,
            "consent_at": timezone.now(),
        }
        with django_capture_on_commit_callbacks(execute=True):
            return cases.file_case(**{**defaults, **fields})

    return make


@pytest.fixture
def clerk(db):
    """A call-centre clerk: every case."""
    user = UserFactory()
    user.groups.add(groups.ensure_call_centre_group())
    return user


@pytest.fixture
def vet_staff(veterinary):
    """Staff of the Veterinary directorate: its own cases only."""
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(veterinary))
    return user


@pytest.fixture
def works_staff(works):
    """Staff of the Public Works directorate: its own cases only."""
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(works))
    return user
