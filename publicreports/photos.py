"""The public copy of a report's photo: staff approve it, blurring faces and number plates first.

The copy is made here, on the server, from the private original (complaints.Attachment): each rectangle staff
drew is blurred (Gaussian, strong enough that a face or a plate cannot be read back), then the image is
re-encoded as a new JPEG holding nothing but the pixels (no EXIF, no XMP, no ICC profile, no comments). The copy
is stored privately as a `PublicPhoto` and served only while its report is public (publicreports/views.py).
"""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps

from complaints.models import PublicPhoto

MAX_RECTANGLES = 30


def parse_rectangles(text, width, height):
    """Rectangles typed or drawn as "x, y, width, height" in the photo's pixels, one a line, clipped to the photo.

    Raises ValidationError naming the line that cannot be read.
    """
    rectangles = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        values = re.split(r"[\s,;]+", line)
        try:
            x, y, w, h = (round(float(value)) for value in values)
        except ValueError:
            raise ValidationError(
                _("Line %(number)s is not four numbers (x, y, width, height): “%(line)s”.")
                % {"number": number, "line": line}
            ) from None
        left, top = max(0, min(x, x + w)), max(0, min(y, y + h))
        right, bottom = min(width, max(x, x + w)), min(height, max(y, y + h))
        if right - left < 1 or bottom - top < 1:
            raise ValidationError(
                _("Line %(number)s lies outside the photo (%(width)s × %(height)s pixels): “%(line)s”.")
                % {"number": number, "line": line, "width": width, "height": height}
            )
        rectangles.append([left, top, right - left, bottom - top])
    if len(rectangles) > MAX_RECTANGLES:
        raise ValidationError(_("At most %(count)s areas can be blurred in one photo.") % {"count": MAX_RECTANGLES})
    return rectangles


def open_original(attachment):
    with attachment.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    # As browsers show it, so the rectangles drawn on the screen fall where they were drawn.
    return ImageOps.exif_transpose(image)


def blurred(image, rectangles):
    """`image` (RGB) with each rectangle blurred beyond reading."""
    image = image.convert("RGB")
    for left, top, width, height in rectangles:
        box = (left, top, left + width, top + height)
        region = image.crop(box)
        # Coarse pixels first, then a wide blur: a Gaussian alone can be partly undone on small text (plates).
        small = region.resize((max(1, width // 12), max(1, height // 12)), Image.Resampling.BILINEAR)
        region = small.resize((width, height), Image.Resampling.BILINEAR)
        region = region.filter(ImageFilter.GaussianBlur(radius=max(6, min(width, height) / 4)))
        image.paste(region, box)
    return image


def encode(image):
    """A new JPEG of the pixels alone: nothing of the original file's metadata is carried over."""
    bare = Image.new("RGB", image.size)
    bare.paste(image)
    output = io.BytesIO()
    bare.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


@transaction.atomic
def approve(attachment, rectangles, actor=None):
    """Make (or remake) the public copy of `attachment` with `rectangles` blurred."""
    if not attachment.is_image:
        raise ValidationError(_("Only photos can be published."))
    image = open_original(attachment)
    content = encode(blurred(image, rectangles))
    copy = PublicPhoto.objects.filter(attachment=attachment).first()
    old_name = copy.file.name if copy else None
    if copy is None:
        copy = PublicPhoto(attachment=attachment)
    copy.blurred = rectangles
    copy.width, copy.height = image.size
    copy.approved_at = timezone.now()
    copy.approved_by = actor
    copy.file.save(f"public-{attachment.pk}.jpg", ContentFile(content), save=False)
    copy.save()
    if old_name and old_name != copy.file.name:
        transaction.on_commit(lambda: _delete(old_name))
    return copy


@transaction.atomic
def withdraw(attachment):
    """The photo is no longer shown publicly; its public copy is deleted (the original stays)."""
    copy = PublicPhoto.objects.filter(attachment=attachment).first()
    if copy is None:
        return False
    name = copy.file.name
    copy.delete()
    transaction.on_commit(lambda: _delete(name))
    return True


def _delete(name):
    storage = PublicPhoto.file.field.storage
    if storage.exists(name):
        storage.delete(name)
