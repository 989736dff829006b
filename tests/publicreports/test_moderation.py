"""Staff's publishing check in the admin: only the call centre checks; the public sees the text only once checked,
photos only as approved copies with the drawn areas blurred and no metadata; hidden reports are gone."""

import io

import pytest
from PIL import Image

from complaints.models import Attachment, CaseEvent, PublicPhoto
from tests.publicreports.conftest import EMAIL, NAME, PHONE_SHOWN, attach

pytestmark = pytest.mark.django_db


def check_url(case):
    return f"/admin/publicreports/case/{case.pk}/"


def photo_url(attachment):
    return f"/admin/publicreports/photo/{attachment.pk}/"


def camera_photo(size=(400, 300)):
    """A photo with a white left half and a black-and-white checkerboard right half, and camera metadata."""
    image = Image.new("RGB", size, (255, 255, 255))
    for x in range(size[0] // 2, size[0]):
        for y in range(size[1]):
            if (x // 10 + y // 10) % 2:
                image.putpixel((x, y), (0, 0, 0))
    exif = Image.Exif()
    exif[0x010F] = "Telefonum"
    exif[0x8825] = {1: "N", 2: (41.0, 1.0, 35.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, quality=95)
    return output.getvalue()


def test_the_call_centre_checks_the_text_starting_from_a_masked_copy(client, home_page, clerk, public_case):
    client.force_login(clerk)
    page = client.get(check_url(public_case))
    assert page.status_code == 200
    form = page.context["form"]
    prefilled = form.initial["public_description"]
    assert NAME not in prefilled and PHONE_SHOWN not in prefilled and EMAIL not in prefilled
    assert "[telefon numarası gizlendi]" in prefilled and "[e-posta adresi gizlendi]" in prefilled
    response = client.post(check_url(public_case), {"public_description": "Sokaktaki çukur büyüdü."})
    assert response.status_code == 302
    public_case.refresh_from_db()
    assert public_case.moderated_at and public_case.moderated_by == clerk
    assert public_case.public_description == "Sokaktaki çukur büyüdü."
    assert public_case.events.filter(action=CaseEvent.Action.CHANGED, actor=clerk).exists()
    client.logout()
    assert "Sokaktaki çukur büyüdü." in client.get(f"/bildirimler/{public_case.pk}/").content.decode()


def test_hiding_and_showing_again(client, home_page, clerk, public_case):
    client.force_login(clerk)
    client.post(f"/admin/publicreports/case/{public_case.pk}/hide/", {"hidden": "1"})
    public_case.refresh_from_db()
    assert public_case.hidden_from_public
    assert client.get(f"/bildirimler/{public_case.pk}/").status_code == 404
    client.post(f"/admin/publicreports/case/{public_case.pk}/hide/", {"hidden": "0"})
    assert client.get(f"/bildirimler/{public_case.pk}/").status_code == 200


def test_a_photo_is_published_with_the_drawn_areas_blurred_and_no_metadata(client, home_page, clerk, public_case):
    original = camera_photo()
    attachment = attach(public_case, original)
    client.force_login(clerk)
    assert client.get(photo_url(attachment)).status_code == 200
    # A face on the checkerboard, typed as numbers (what the drawing fills in, and the way without JavaScript).
    response = client.post(photo_url(attachment), {"rectangles": "250, 50, 100, 100", "action": "approve"})
    assert response.status_code == 302
    copy = PublicPhoto.objects.get(attachment=attachment)
    assert copy.blurred == [[250, 50, 100, 100]] and copy.approved_by == clerk
    client.logout()
    served = client.get(f"/bildirimler/{public_case.pk}/foto/{attachment.pk}/")
    assert served.status_code == 200
    data = b"".join(served.streaming_content)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info
    assert b"Telefonum" not in data
    # Inside the area the checkerboard is gone (all mid-grey); outside it, black and white squares remain.
    inside = [image.getpixel((x, y))[0] for x in range(260, 340, 7) for y in range(60, 140, 7)]
    assert max(inside) - min(inside) < 60
    outside = [image.getpixel((x, y))[0] for x in range(205, 395, 7) for y in range(200, 295, 7)]
    assert max(outside) - min(outside) > 200
    # The original stays as it was, private.
    with Attachment.objects.get(pk=attachment.pk).file.open("rb") as handle:
        assert handle.read() == original


def test_approving_without_blurring_and_withdrawing(client, home_page, clerk, public_case):
    attachment = attach(public_case)
    client.force_login(clerk)
    client.post(photo_url(attachment), {"rectangles": "", "action": "approve"})
    assert client.get(f"/bildirimler/{public_case.pk}/foto/{attachment.pk}/").status_code == 200
    client.post(photo_url(attachment), {"action": "withdraw"})
    assert not PublicPhoto.objects.filter(attachment=attachment).exists()
    assert client.get(f"/bildirimler/{public_case.pk}/foto/{attachment.pk}/").status_code == 404


def test_a_rectangle_that_cannot_be_read_is_explained(client, home_page, clerk, public_case):
    attachment = attach(public_case)
    client.force_login(clerk)
    response = client.post(photo_url(attachment), {"rectangles": "10, 10, on, beş", "action": "approve"})
    assert response.status_code == 200 and "2. satır" not in response.content.decode()
    assert "1. satır" in response.content.decode() or "Satır 1" in response.content.decode()
    response = client.post(photo_url(attachment), {"rectangles": "900, 900, 10, 10", "action": "approve"})
    assert "fotoğrafın dışında" in response.content.decode()
    assert not PublicPhoto.objects.filter(attachment=attachment).exists()


def test_only_the_call_centre_checks(client, home_page, works_staff, make_case, works):
    own = make_case(public_consent=True, directorate=works)
    attachment = attach(own)
    client.force_login(works_staff)
    # The directorate sees its case, but publishing is the call centre's.
    assert client.get(f"/admin/cases/inspect/{own.pk}/").status_code == 200
    # Refused (Wagtail answers the refusal with a redirect to the dashboard and a message).
    for response in [
        client.get(check_url(own)),
        client.post(check_url(own), {"public_description": "x"}),
        client.post(f"/admin/publicreports/case/{own.pk}/hide/", {"hidden": "1"}),
        client.post(photo_url(attachment), {"rectangles": ""}),
        client.get(f"/admin/publicreports/photo/{attachment.pk}/public/"),
    ]:
        assert response.status_code in (302, 403)
        assert "Gizli Sokak" not in response.content.decode()
    own.refresh_from_db()
    assert own.moderated_at is None and not own.hidden_from_public
    assert not PublicPhoto.objects.exists()


def test_the_waiting_filter_keeps_to_each_directorate(
    client, home_page, clerk, works_staff, vet_staff, make_case, works, veterinary
):
    works_case = make_case(public_consent=True, directorate=works, description="Fen işleri bekleyen metni")
    vet_case = make_case(public_consent=True, directorate=veterinary, description="Veteriner bekleyen metni")
    not_agreed = make_case(directorate=works, description="Rızasız metin")

    def waiting(user):
        client.force_login(user)
        response = client.get("/admin/cases/?publishing=waiting")
        assert response.status_code == 200
        return {case.pk for case in response.context["object_list"]}

    assert waiting(clerk) == {works_case.pk, vet_case.pk}
    assert waiting(works_staff) == {works_case.pk}
    assert waiting(vet_staff) == {vet_case.pk}
    client.force_login(clerk)
    client.post(check_url(works_case), {"public_description": "Kontrol edildi."})
    assert waiting(clerk) == {vet_case.pk}
    assert not_agreed.pk not in waiting(clerk)


def test_the_case_page_says_whether_the_resident_agreed(client, home_page, clerk, works_staff, make_case, works):
    agreed = make_case(public_consent=True, directorate=works)
    client.force_login(clerk)
    page = client.get(f"/admin/cases/inspect/{agreed.pk}/").content.decode()
    assert "yayın kontrolünü bekliyor" in page and check_url(agreed) in page
    client.force_login(works_staff)
    page = client.get(f"/admin/cases/inspect/{agreed.pk}/").content.decode()
    assert "yayın kontrolünü bekliyor" in page and check_url(agreed) not in page
