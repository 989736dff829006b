import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.models import Collection

from theme.models import PortalImage

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_with_metadata(orientation=1):
    """A JPEG as a phone makes it: GPS position, camera model, orientation."""
    image = PillowImage.new("RGB", (400, 200), "#0b4f8a")
    exif = PillowImage.Exif()
    exif[0x0110] = "Telefon X"  # camera model
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (41.0, 1.0, 30.0), 3: "E", 4: (29.0, 7.0, 12.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(admin_client, content, name="fotograf.jpg"):
    return admin_client.post(
        "/admin/images/add/",
        {
            "title": "Okçuluk yarışması",
            "file": SimpleUploadedFile(name, content, content_type="image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.django_db
def test_uploaded_photos_are_stored_without_location_or_camera_data(admin_client, home_page):
    original = photo_with_metadata()
    assert PillowImage.open(io.BytesIO(original)).getexif().get(GPS_IFD)

    response = upload(admin_client, original)
    assert response.status_code == 302
    image = PortalImage.objects.get()
    with image.open_file() as stored_file, PillowImage.open(stored_file) as stored:
        exif = stored.getexif()
        assert GPS_IFD not in exif and 0x0110 not in exif
        assert stored.size == (400, 200)
    assert image.file_size == image.file.size
    assert image.file_hash


@pytest.mark.django_db
def test_rotation_from_exif_is_applied_to_the_pixels(admin_client, home_page):
    upload(admin_client, photo_with_metadata(orientation=6))
    image = PortalImage.objects.get()
    assert (image.width, image.height) == (200, 400)
    with image.open_file() as stored_file, PillowImage.open(stored_file) as stored:
        assert stored.size == (200, 400)
        assert ORIENTATION not in stored.getexif()


@pytest.mark.django_db
def test_a_file_that_is_not_a_picture_is_refused_with_a_message(admin_client, home_page):
    response = upload(admin_client, b"%PDF-1.4 not a picture", name="sahte.jpg")
    assert response.status_code == 200
    assert not PortalImage.objects.exists()
    assert response.context["form"].errors["file"]
