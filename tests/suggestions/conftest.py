import io

import pytest
from PIL import Image

from complaints import sms
from suggestions.models import SuggestionBoxPage
from tests.conftest import publish


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "complaints.sms.LocmemBackend"
    sms.outbox.clear()
    sms.LocmemBackend.failures_left = 0
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def box(home_page):
    page = SuggestionBoxPage(title="Öneri Kutusu", slug="oneri-kutusu")
    return publish(page, home_page)


def jpeg_with_gps(size=(800, 600)):
    """A camera-like JPEG that says where it was taken."""
    image = Image.new("RGB", size, (40, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Telefonum"  # camera make
    exif[0x8825] = {1: "N", 2: (41.0, 1.0, 30.0), 3: "E", 4: (29.0, 7.0, 12.0)}
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


@pytest.fixture
def answer_form():
    return {
        "kind": "complaint",
        "description": "Sokağımızdaki çöp konteyneri iki gündür boşaltılmadı.",
        "name": "Fatma Şahin",
        "phone": "0532 765 43 21",
        "email": "fatma@example.org",
        "reply_by": "email",
        "consent": "on",
        "website": "",
    }


@pytest.fixture
def make_cases(db):
    from complaints import demo

    def make(user, count):
        built = demo.build_cases(count)
        for case in built:
            case.user = user
        return Case.objects.bulk_create(built)

    from complaints.models import Case

    return make
