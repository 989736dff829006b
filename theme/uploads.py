"""Uploads: reading one within a size limit, and pictures re-encoded without their metadata (GPS, camera, names)."""

import io

from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from PIL import ImageOps


class UploadTooLarge(Exception):
    """The upload is larger than the limit the caller set."""


def read_limited(uploaded, max_bytes):
    """The bytes of an upload (a Django UploadedFile or any binary file-like object), or UploadTooLarge.

    Never reads more than one byte past `max_bytes`, whatever size the upload declares; its name and declared
    content type are not looked at (the caller judges the content).
    """
    if (getattr(uploaded, "size", None) or 0) > max_bytes:
        raise UploadTooLarge
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)  # form validation may already have read the file
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadTooLarge
    return data


_SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}


def without_metadata(fileobj):
    """The picture re-encoded in its own format with EXIF, XMP and comments removed.

    The orientation EXIF asked for is applied to the pixels first, so the picture
    looks the same; the colour profile stays. Returns a ContentFile (with `image_size`, the
    size after rotation), or None when
    the format is not one the portal accepts.
    """
    fileobj.seek(0)
    with PillowImage.open(fileobj) as original:
        image_format = original.format
        if image_format not in _SAVE_OPTIONS:
            return None
        icc_profile = original.info.get("icc_profile")
        frames = getattr(original, "n_frames", 1)
        image = original if frames > 1 else ImageOps.exif_transpose(original)
        output = io.BytesIO()
        options = dict(_SAVE_OPTIONS[image_format])
        if icc_profile:
            options["icc_profile"] = icc_profile
        if frames > 1:
            options["save_all"] = True
        image.save(output, format=image_format, **options)
        size = image.size
    fileobj.seek(0)
    clean = ContentFile(output.getvalue())
    clean.image_size = size
    return clean
