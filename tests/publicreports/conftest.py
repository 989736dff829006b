import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from complaints import cases, groups, sms
from complaints.models import Attachment, Case, Channel, Directorate, Topic
from places.models import Neighbourhood
from tests.factories import UserFactory

# The resident of `public_case`: none of these may appear on any public page, feed or file.
NAME = "Zübeyde Gizliyurt"
PHONE = "+905329876543"
PHONE_SHOWN = "0532 987 65 43"
EMAIL = "zubeyde.gizli@example.org"
ADDRESS = "Gizli Sokak No: 17 Daire 4"
# The exact point, and the same rounded to the public grid.
LATITUDE, LONGITUDE = "41.026487", "29.112512"


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def works(db):
    return Directorate.objects.get(name="Fen İşleri Müdürlüğü")


@pytest.fixture
def veterinary(db):
    return Directorate.objects.get(name="Veteriner İşleri Müdürlüğü")


@pytest.fixture
def make_case(db, django_capture_on_commit_callbacks):
    """A case filed as the register files it, its notifications sent as after a commit."""

    def make(**fields):
        defaults = {
            "channel": Channel.SUGGESTION_BOX,
            "kind": Case.Kind.COMPLAINT,
            "topic": Topic.objects.get(name="Asfalt Onarımı"),
            "neighbourhood": Neighbourhood.objects.get(name="Çakmak"),
            "description": "Sokağımızdaki çukur büyüdü, araçlar zarar görüyor.",
            "name": "Ayşe Yılmaz",
            "phone": "+905321234567",
            "email": "ayse@example.org",
            "reply_by": Case.ReplyBy.EMAIL,
            "consent_at": timezone.now(),
        }
        with django_capture_on_commit_callbacks(execute=True):
            return cases.file_case(**{**defaults, **fields})

    return make


def jpeg(size=(400, 300), colour=(200, 60, 40)):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, "JPEG")
    return output.getvalue()


def attach(case, content=None, size=(400, 300)):
    attachment = Attachment(case=case, content_type="image/jpeg", width=size[0], height=size[1])
    attachment.file.save(f"{case.tracking_number}-x.jpg", ContentFile(content or jpeg(size)), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def public_case(make_case):
    """A case whose resident agreed to publishing, with every personal detail the public must never see."""
    return make_case(
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        address=ADDRESS,
        latitude=LATITUDE,
        longitude=LONGITUDE,
        description=f"Ben {NAME}, {ADDRESS} önündeki çukur. Arayın: {PHONE_SHOWN}, {EMAIL}",
        public_consent=True,
    )


@pytest.fixture
def clerk(db):
    """A call-centre clerk: every case, and the publishing check."""
    user = UserFactory()
    user.groups.add(groups.ensure_call_centre_group())
    return user


@pytest.fixture
def works_staff(works):
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(works))
    return user


@pytest.fixture
def vet_staff(veterinary):
    user = UserFactory()
    user.groups.add(groups.ensure_directorate_group(veterinary))
    return user
