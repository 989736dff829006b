"""Demo content for the public reports: some of the register's generated demo cases made public, as residents
agree to it.

Idempotent: once any generated case ("Vatandaş 12", complaints/demo.py) is public, nothing is added again
(load_demo_content runs again and again). The suggestion box's own public demo reports (suggestions/demo.py)
are left as they are, and no point is placed near them, so its "Is it one of these?" shows only its own.
"""

import datetime
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from complaints import cases
from complaints.masking import mask_for_case
from complaints.models import Attachment, Case, CaseEvent, PublicPhoto
from publicreports import photos

SHARE = 0.3  # of the demo cases whose resident agreed to publishing
WAITING = 4  # agreed, not yet checked by the call centre
HIDDEN = 1  # hidden by staff


GENERATED = "Vatandaş "  # the name of the register's generated demo cases
# Kept this far (in degrees, about 450 m) from another demo's public report.
CLEARANCE = Decimal("0.004")


def _place(case, rng, taken):
    """A point near the mahalle's centre (within about 600 m), as a phone's location would give; none when every
    draw falls near a report of another demo."""
    place = case.neighbourhood
    if place is None or place.latitude is None:
        return None, None
    for _attempt in range(5):
        latitude = (place.latitude + Decimal(rng.uniform(-0.005, 0.005))).quantize(Decimal("0.000001"))
        longitude = (place.longitude + Decimal(rng.uniform(-0.007, 0.007))).quantize(Decimal("0.000001"))
        if all(abs(latitude - lat) > CLEARANCE or abs(longitude - lon) > CLEARANCE for lat, lon in taken):
            return latitude, longitude
    return None, None


def _photo(seed):
    """A drawn street scene: asphalt with a pothole and a parked car (whose plate the call centre blurs)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (800, 600), (120, 170, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 800, 600), fill=(70, 70, 74))
    draw.rectangle((0, 250, 800, 262), fill=(200, 200, 190))
    x, y = rng.randint(120, 420), rng.randint(380, 470)
    draw.ellipse((x, y, x + 220, y + 90), fill=(40, 36, 34), outline=(25, 22, 20), width=6)
    draw.rectangle((520, 300, 780, 420), fill=(180, 30, 40))
    draw.rectangle((560, 250, 740, 310), fill=(160, 200, 230))
    draw.ellipse((545, 395, 605, 455), fill=(20, 20, 20))
    draw.ellipse((695, 395, 755, 455), fill=(20, 20, 20))
    draw.rectangle((600, 380, 700, 405), fill=(250, 250, 250), outline=(20, 20, 120), width=2)
    draw.text((608, 386), "34 ABC 123", fill=(10, 10, 10))
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85)
    return output.getvalue()


@transaction.atomic
def load(call_centre=None):
    generated = Case.objects.filter(name__startswith=GENERATED)
    if generated.filter(public_consent=True).exists():
        return
    rng = random.Random(19)
    taken = list(Case.objects.filter(public_consent=True, latitude__isnull=False).values_list("latitude", "longitude"))
    candidates = list(
        generated.exclude(status__in=[Case.Status.REJECTED, Case.Status.DUPLICATE])
        .filter(neighbourhood__isnull=False, topic__isnull=False, anonymised_at__isnull=True)
        .select_related("neighbourhood", "directorate")
        .order_by("pk")
    )
    chosen = [case for case in candidates if rng.random() < SHARE]
    # The newest wait for the check, as they would; the next ones carry the photos, at the top of the list.
    chosen.sort(key=lambda case: case.received_at, reverse=True)
    for number, case in enumerate(chosen):
        case.public_consent = True
        case.latitude, case.longitude = _place(case, rng, taken)
        if number < WAITING:
            fields = ["public_consent", "latitude", "longitude"]
        else:
            case.public_description = mask_for_case(case.description, case)
            case.moderated_at = min(case.received_at + datetime.timedelta(hours=rng.randint(2, 30)), timezone.now())
            case.moderated_by = call_centre
            case.hidden_from_public = WAITING <= number < WAITING + HIDDEN
            fields = ["public_consent", "latitude", "longitude", "public_description", "moderated_at"]
            fields += ["moderated_by", "hidden_from_public"]
        if case.status == Case.Status.CLOSED and number % 3 == 0:
            # Closed by the resident's own "yes", with their rating.
            case.satisfaction = rng.choice([3, 4, 4, 5, 5, 5])
            fields.append("satisfaction")
            CaseEvent.objects.create(
                case=case,
                at=min(case.answered_at + datetime.timedelta(days=2), timezone.now()),
                action=CaseEvent.Action.CONFIRMED,
                changes={"satisfaction": ["", str(case.satisfaction)]},
                public=True,
            )
        case.save(update_fields=fields)
    _history(chosen)
    _reopened(chosen, rng)
    _photos(chosen[WAITING + HIDDEN : WAITING + HIDDEN + 3], call_centre)


def _history(chosen):
    """The routing, the answer and the closing of the generated cases, as the register writes them."""
    now = timezone.now()
    entries = []
    for case in chosen:
        if case.directorate_id:
            entries.append(
                CaseEvent(
                    case=case,
                    at=case.received_at + datetime.timedelta(hours=1),
                    action=CaseEvent.Action.ROUTED,
                    changes={"directorate": ["", case.directorate.name]},
                    public=True,
                )
            )
        if case.answered_at:
            at = min(case.answered_at, now)
            entries.append(
                CaseEvent(
                    case=case,
                    at=at,
                    action=CaseEvent.Action.ANSWERED,
                    changes={"status": [str(Case.Status.IN_PROGRESS.label), str(Case.Status.ANSWERED.label)]},
                    message=case.public_answer,
                    public=True,
                )
            )
            if case.status == Case.Status.CLOSED and not case.satisfaction:
                entries.append(
                    CaseEvent(
                        case=case,
                        at=min(at + datetime.timedelta(days=3), now),
                        action=CaseEvent.Action.STATUS,
                        changes={"status": [str(Case.Status.ANSWERED.label), str(Case.Status.CLOSED.label)]},
                        public=True,
                    )
                )
    CaseEvent.objects.bulk_create(entries)


def _reopened(chosen, rng):
    """Two reports the resident said were not fixed: back with the directorate, counted."""
    for case in [case for case in chosen if case.status == Case.Status.ANSWERED and case.moderated_at][:2]:
        answered = min(case.answered_at, timezone.now())
        cases.reopen_unfixed(case, "Ekip geldi ama çukur yağmurdan sonra yine açıldı.")
        # A few hours to two days after the answer it replies to.
        CaseEvent.objects.filter(case=case, action=CaseEvent.Action.REOPENED).update(
            at=min(answered + datetime.timedelta(hours=rng.randint(3, 48)), timezone.now())
        )


def _photos(chosen, call_centre):
    """Photos residents sent with three public reports, the car's plate blurred by the call centre."""
    for number, case in enumerate(chosen):
        if case.attachments.exists():
            continue
        attachment = Attachment(case=case, content_type="image/jpeg", width=800, height=600)
        content = _photo(case.pk)
        attachment.size = len(content)
        attachment.file.save(f"{case.tracking_number}-1.jpg", ContentFile(content), save=False)
        attachment.save()
        if number < 2:
            photos.approve(attachment, [[596, 376, 108, 33]], actor=call_centre)
    return PublicPhoto.objects.count()
