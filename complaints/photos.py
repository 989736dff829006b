"""Checking and cleaning the photos residents attach to the public suggestion box.

`clean_photo()` accepts JPEG, PNG, WebP and HEIC/HEIF, judged from the content alone, refuses anything
oversized, unreadable, animated, too many pixels or carrying a second file (a "polyglot"), and returns a
freshly encoded copy: orientation applied, colours in sRGB, at most MAX_SIDE pixels on the longest side,
and no metadata at all (no EXIF, so no GPS position, no XMP, ICC profile, comments or text chunks).
The uploaded bytes themselves are never returned, so they can never be stored or served.
"""

import re
import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

import pillow_heif
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from theme.uploads import UploadTooLarge, read_limited

pillow_heif.register_heif_opener()

MAX_UPLOAD_BYTES = 15 * 1024 * 1024  # per photo, before processing
MAX_SIDE = 2048  # longest side after processing
MAX_PIXELS = 40_000_000  # decoded pixels allowed (width*height)

_TOO_LARGE = _("This photo is larger than 15 MB. Please send a smaller photo.")
_UNREADABLE = _("This file is not a photo we can read. Please send a JPEG, PNG, WebP or HEIC photo.")
_TOO_MANY_PIXELS = _("This photo has too many pixels to process. Please send a smaller photo.")
_ANIMATED = _("Animated images are not accepted. Please send a single still photo.")
_HIDDEN_CONTENT = _(
    "This file contains more than a photo and was refused. Please send the photo itself, as taken by your camera."
)

# Pillow format names to try, and what each is re-encoded as: (Pillow format, extension, content type, options).
_INPUT_FORMATS = ["JPEG", "PNG", "WEBP", "HEIF"]
_JPEG_OUTPUT = ("JPEG", "jpg", "image/jpeg", {"quality": 85, "optimize": True})
_OUTPUTS = {
    "JPEG": _JPEG_OUTPUT,
    "MPO": _JPEG_OUTPUT,  # Pillow's name for a JPEG carrying extra pictures (stereo, HDR gain maps)
    "HEIF": _JPEG_OUTPUT,
    "PNG": ("PNG", "png", "image/png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", "image/webp", {"quality": 85}),
}

# Signs of another file hidden in or after a photo: web pages and scripts, PHP, PDF, ZIP archives (and so
# DOCX, JAR, APK). Each is specific enough that compressed pixel data, which is close to random bytes,
# practically never matches by chance, so the whole file is searched.
_FOREIGN_CONTENT = re.compile(
    rb"(?i:<script|<html[\s>]|<\?php\s)"
    rb"|%PDF-\d\.\d"
    rb"|PK\x03\x04[\x0a-\x3f]\x00"  # ZIP local file header (version needed 1.0 to 6.3)
    rb"|PK\x01\x02..[\x0a-\x3f]\x00"  # ZIP central directory entry
    rb"|PK\x05\x06\x00\x00\x00\x00",  # ZIP end of central directory
    re.DOTALL,
)
# Four bytes occur by chance about once per 500 MB of random data, so `<svg` is only looked for outside
# the compressed pixel data (headers, metadata, trailing bytes).
_SVG = re.compile(rb"(?i)<svg")
# Some cameras pad files after the image's end; that is not a hidden file.
_PADDING = b"\x00 \t\r\n"


class PhotoRefused(Exception):
    """An upload that cannot be accepted; `message` is a lazily translated text to show the resident."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class CleanPhoto:
    """A re-encoded photo, safe to store and publish."""

    content: bytes  # the re-encoded file
    extension: str  # "jpg", "png" or "webp"
    content_type: str  # "image/jpeg" ...
    width: int
    height: int


def clean_photo(uploaded) -> CleanPhoto:
    """Check an uploaded photo and return a clean copy, or raise PhotoRefused.

    `uploaded` is a Django UploadedFile or any binary file-like object (has .read(), maybe .size,
    maybe .name). Its name and declared content type are ignored: only the content counts.
    """
    data = _read_upload(uploaded)
    try:
        image = _open(data)
        _refuse_hidden_content(data, image.format)
        return _reencode(image)
    except PhotoRefused:
        raise
    except Exception as error:  # a decoder's own failure on crafted input (struct.error, SyntaxError, ...)
        raise PhotoRefused(_UNREADABLE) from error


def _read_upload(uploaded) -> bytes:
    """The uploaded bytes, refusing oversized files without reading more than one byte past the limit."""
    try:
        return read_limited(uploaded, MAX_UPLOAD_BYTES)
    except UploadTooLarge as error:
        raise PhotoRefused(_TOO_LARGE) from error


def _open(data: bytes) -> Image.Image:
    """The decoded image, refusing what is unreadable, animated or has too many pixels."""
    try:
        # Pillow warns above Image.MAX_IMAGE_PIXELS and raises above twice that, when opening; both become
        # refusals. MAX_PIXELS is lower, and is checked right after opening, before any pixel is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=_INPUT_FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRefused(_TOO_MANY_PIXELS)
            # An MPO's extra frames are other pictures of the same shot, not an animation: keep the first.
            if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:
                raise PhotoRefused(_ANIMATED)
            # Raises on truncated data, unless something set ImageFile.LOAD_TRUNCATED_IMAGES; the
            # structure check in _refuse_hidden_content catches truncation either way.
            image.load()
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRefused(_TOO_MANY_PIXELS) from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise PhotoRefused(_UNREADABLE) from error


def _reencode(image: Image.Image) -> CleanPhoto:
    """Encode the pixels alone, in sRGB and at most MAX_SIDE on the longest side."""
    pillow_format, extension, content_type, options = _OUTPUTS[image.format]
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(_to_8_bit(image).resize(_fitted_size(image.size), Image.Resampling.LANCZOS))
    if pillow_format == "JPEG" and image.mode == "RGBA":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    # Encoders fall back to image.info for some metadata (PNG: ICC profile; JPEG: comment), so save a
    # new image that holds nothing but the pixels.
    bare = Image.new(image.mode, image.size)
    bare.paste(image)
    output = BytesIO()
    bare.save(output, pillow_format, **options)
    return CleanPhoto(output.getvalue(), extension, content_type, *bare.size)


def _fitted_size(size: tuple[int, int]) -> tuple[int, int]:
    """`size` shrunk, keeping its aspect ratio, so that the longest side is at most MAX_SIDE."""
    width, height = size
    scale = min(1, MAX_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_8_bit(image: Image.Image) -> Image.Image:
    """The image in a mode that resizes well and that ImageCms and the encoders understand."""
    if image.mode.startswith("I"):
        # 16-bit greyscale PNG: convert() would clip every value above 255 to white.
        image = image.point(lambda value: value / 257).convert("L")
    if image.has_transparency_data:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    if image.mode in ("RGB", "L", "CMYK"):
        return image  # kept as they are, so an embedded ICC profile still matches the pixels
    return image.convert("RGB")


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB, converted with the embedded ICC profile when it is usable."""
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    if icc_profile := image.info.get("icc_profile"):
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or mismatched profile: keep the colours as they are
    return image if image.mode == mode else image.convert(mode)


class _Malformed(Exception):
    """The file's structure does not hold together (truncated, or bytes that are not where they should be)."""


def _refuse_hidden_content(data: bytes, image_format: str) -> None:
    """Refuse a file that is a valid photo and also something else, or whose structure is broken."""
    try:
        end, pixel_spans = _LAYOUTS[image_format](data)
    except (_Malformed, IndexError) as error:
        raise PhotoRefused(_UNREADABLE) from error
    if image_format in ("JPEG", "MPO"):
        end = _camera_trailer_end(data, end)
    if (
        data[end:].strip(_PADDING)
        or _FOREIGN_CONTENT.search(data)
        or any(_SVG.search(data, start, stop) for start, stop in _gaps(pixel_spans, len(data)))
    ):
        raise PhotoRefused(_HIDDEN_CONTENT)


def _camera_trailer_end(data: bytes, end: int) -> int:
    """Past what phones add after a JPEG: a motion photo's video (Google, Samsung) or Samsung's SEF trailer.

    The re-encoded copy keeps none of it, and the scan for foreign content still covers it.
    """
    rest = data[end:]
    video = rest.find(b"ftyp")
    if 4 <= video <= 64 and (video == 4 or b"MotionPhoto_Data" in rest[:video]):
        return len(data)  # an MP4/HEVC video (ISO base media file), straight after or after Samsung's marker
    if rest.endswith(b"SEFT") and b"SEFH" in rest:
        return len(data)
    return end


def _gaps(spans: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """The (start, stop) ranges of 0..length not covered by the sorted, disjoint `spans`."""
    position = 0
    for start, stop in spans:
        yield position, start
        position = stop
    yield position, length


# Each layout function walks one container format and returns where the image ends and the (start, stop)
# spans of compressed pixel data. They raise _Malformed when the structure is broken or truncated.

_JPEG_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7]")  # a marker; FF00 is an escaped byte, FFD0-FFD7 restarts


def _jpeg_layout(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    end, spans, has_mpf_index = _walk_jpeg(data, 0)
    # Multi-picture files (MPO, Ultra HDR gain maps) list further complete JPEGs stored after the first.
    while has_mpf_index and data.startswith(b"\xff\xd8", end):
        end, more_spans, _has_mpf_index = _walk_jpeg(data, end)
        spans += more_spans
    return end, spans


def _walk_jpeg(data: bytes, position: int) -> tuple[int, list[tuple[int, int]], bool]:
    """Walk the segments of the JPEG starting at `position` to its EOI marker.

    Segments are skipped by their declared length, so JPEG thumbnails inside EXIF (with their own FFD9)
    do not end the walk early. Returns the end, the entropy-coded spans and whether an MPF index is present.
    """
    if not data.startswith(b"\xff\xd8", position):
        raise _Malformed
    position += 2
    spans = []
    has_mpf_index = False
    while True:
        if data[position] != 0xFF:
            raise _Malformed
        while data[position] == 0xFF:  # fill bytes may precede a marker
            position += 1
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position, spans, has_mpf_index
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a segment
            continue
        if marker < 0xC0:
            raise _Malformed
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2 or position + length > len(data):
            raise _Malformed
        if marker == 0xE2 and data.startswith(b"MPF\x00", position + 2):
            has_mpf_index = True
        position += length
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next marker
            scan_end = _JPEG_SCAN_END.search(data, position)
            if scan_end is None:
                raise _Malformed
            spans.append((position, scan_end.start()))
            position = scan_end.start()


def _png_layout(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    position = 8  # after the signature
    spans = []
    while position + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        end = position + 12 + length  # length, type, data, CRC
        if end > len(data):
            break
        if kind in (b"IDAT", b"fdAT"):
            spans.append((position + 8, end - 4))
        position = end
        if kind == b"IEND":
            return position, spans
    raise _Malformed


def _webp_layout(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    riff_end = 8 + int.from_bytes(data[4:8], "little")
    if riff_end > len(data):
        raise _Malformed
    position = 12  # after "RIFF", size, "WEBP"
    spans = []
    while position + 8 <= riff_end:
        kind, size = struct.unpack_from("<4sI", data, position)
        end = position + 8 + size
        if end > riff_end:
            raise _Malformed
        if kind in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            spans.append((position + 8, end))
        position = end + size % 2  # chunks are padded to an even size
    return riff_end, spans


_BOX_TYPE = re.compile(rb"[\x20-\x7e]{4}")


def _heif_layout(data: bytes) -> tuple[int, list[tuple[int, int]]]:
    """Walk the top-level ISO BMFF boxes; the image ends where the data stops looking like one."""
    position = 0
    spans = []
    while position + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, position)
        if not _BOX_TYPE.fullmatch(kind):
            break
        header = 8
        if size == 1:  # 64-bit size follows the type
            (size,) = struct.unpack_from(">Q", data, position + 8)
            header = 16
        elif size == 0:  # box runs to the end of the file
            size = len(data) - position
        if size < header or position + size > len(data):
            raise _Malformed
        if kind == b"mdat":
            spans.append((position + header, position + size))
        position += size
    return position, spans


_LAYOUTS = {
    "JPEG": _jpeg_layout,
    "MPO": _jpeg_layout,
    "PNG": _png_layout,
    "WEBP": _webp_layout,
    "HEIF": _heif_layout,
}
