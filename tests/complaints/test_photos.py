"""Checking and cleaning suggestion-box photos: every sample file is generated here with Pillow."""

import struct
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, ImageFile
from PIL.PngImagePlugin import PngInfo

from complaints.photos import MAX_PIXELS, MAX_SIDE, MAX_UPLOAD_BYTES, CleanPhoto, PhotoRefused, clean_photo

TOO_LARGE = "This photo is larger than 15 MB. Please send a smaller photo."
UNREADABLE = "This file is not a photo we can read. Please send a JPEG, PNG, WebP or HEIC photo."
TOO_MANY_PIXELS = "This photo has too many pixels to process. Please send a smaller photo."
ANIMATED = "Animated images are not accepted. Please send a single still photo."
HIDDEN_CONTENT = (
    "This file contains more than a photo and was refused. Please send the photo itself, as taken by your camera."
)

SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def encode(image, format, **options):
    buffer = BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def jpeg(size=(64, 48), color="teal", **options):
    return encode(Image.new("RGB", size, color), "JPEG", **options)


def png(image=None, **options):
    return encode(image or Image.new("RGB", (64, 48), "teal"), "PNG", **options)


def with_segment(jpeg_bytes, marker, payload):
    """The JPEG with one more segment (e.g. APPn 0xE0-0xEF, COM 0xFE) right after its SOI marker."""
    segment = bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return jpeg_bytes[:2] + segment + jpeg_bytes[2:]


def with_png_header(png_bytes, width, height):
    """The PNG with its IHDR claiming another size (the CRC is fixed, the pixel data is not)."""
    ihdr = b"IHDR" + struct.pack(">II", width, height) + png_bytes[24:29]
    return png_bytes[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + png_bytes[33:]


def zip_archive():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>")
    return buffer.getvalue()


def exif_with_thumbnail(thumbnail):
    """An EXIF block whose IFD1 holds a JPEG thumbnail, as cameras write it (Pillow cannot write IFD1)."""
    ifd0 = struct.pack("<HI", 0, 14)  # no entries; IFD1 follows at offset 14
    ifd1 = struct.pack("<H", 2)
    ifd1 += struct.pack("<HHII", 0x0201, 4, 1, 44)  # JPEGInterchangeFormat: thumbnail offset
    ifd1 += struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail))  # JPEGInterchangeFormatLength
    ifd1 += struct.pack("<I", 0)
    return b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + ifd0 + ifd1 + thumbnail


def refusal(uploaded):
    """The English message of the PhotoRefused raised for `uploaded`."""
    with pytest.raises(PhotoRefused) as raised:
        clean_photo(uploaded)
    with translation.override("en"):
        return str(raised.value.message)


def png_with_text(value):
    text = PngInfo()
    text.add_text("Comment", value)
    return png(pnginfo=text)


def opened(photo):
    image = Image.open(BytesIO(photo.content))
    image.load()
    return image


def assert_no_metadata(image):
    assert not image.getexif()
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "transparency"):
        assert key not in image.info
    assert not getattr(image, "text", {})


def test_jpeg_loses_gps_and_all_other_metadata_and_is_shrunk():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera maker"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (41.0, 1.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (29.0, 7.0, 12.0),
    }
    original = jpeg(
        (4000, 3000),
        exif=exif,
        icc_profile=SRGB_PROFILE,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">home</x:xmpmeta>',
        comment="taken at home",
    )
    source = Image.open(BytesIO(original))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert {"exif", "icc_profile", "xmp", "comment"} <= set(source.info)

    photo = clean_photo(upload(original))

    assert isinstance(photo, CleanPhoto)
    assert (photo.extension, photo.content_type) == ("jpg", "image/jpeg")
    image = opened(photo)
    assert image.format == "JPEG"
    assert image.size == (photo.width, photo.height) == (MAX_SIDE, 1536)
    assert_no_metadata(image)
    for marker in (b"Exif", b"GPS", b"ICC_PROFILE", b"adobe", b"taken at home", b"Camera maker"):
        assert marker not in photo.content


def test_exif_orientation_is_applied_to_the_pixels():
    image = Image.new("RGB", (400, 200), "red")
    image.paste("blue", (200, 0, 400, 200))  # left half red, right half blue
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # display rotated 90° clockwise: the left half goes to the top

    result = opened(clean_photo(upload(encode(image, "JPEG", exif=exif))))

    assert result.size == (200, 400)
    red, green, blue = result.getpixel((100, 50))
    assert red > 200 and blue < 50
    red, green, blue = result.getpixel((100, 350))
    assert blue > 200 and red < 50
    assert not result.getexif()


@pytest.mark.parametrize(("size", "expected"), [((3000, 4000), (1536, 2048)), ((640, 480), (640, 480))])
def test_longest_side_is_shrunk_to_the_limit_but_never_enlarged(size, expected):
    photo = clean_photo(upload(jpeg(size)))

    assert (photo.width, photo.height) == expected
    assert opened(photo).size == expected


def test_png_loses_text_chunks_and_profile_and_stays_png():
    text = PngInfo()
    text.add_text("Comment", "my address is 12 Main Street")
    text.add_itxt("Description", "private", zip=True)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera maker"
    original = png(pnginfo=text, icc_profile=SRGB_PROFILE, exif=exif)
    assert Image.open(BytesIO(original)).text

    photo = clean_photo(upload(original, name="photo.png", content_type="image/png"))

    assert (photo.extension, photo.content_type) == ("png", "image/png")
    image = opened(photo)
    assert image.format == "PNG"
    assert_no_metadata(image)
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf"):
        assert chunk not in photo.content


def test_type_is_decided_by_content_not_by_name_or_declared_type():
    photo = clean_photo(upload(png(), name="photo.jpg", content_type="image/jpeg"))

    assert (photo.extension, photo.content_type) == ("png", "image/png")
    assert opened(photo).format == "PNG"


def test_plain_binary_file_objects_are_accepted():
    photo = clean_photo(BytesIO(jpeg()))

    assert (photo.width, photo.height) == (64, 48)


def test_heic_becomes_jpeg_without_metadata():
    exif = Image.Exif()
    exif[ExifTags.Base.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (41.0, 1.0, 30.0)}
    original = encode(Image.new("RGB", (96, 64), "orange"), "HEIF", quality=50, exif=exif.tobytes())
    assert Image.open(BytesIO(original)).format == "HEIF"

    photo = clean_photo(upload(original, name="IMG_0001.HEIC", content_type="image/heic"))

    assert (photo.extension, photo.content_type) == ("jpg", "image/jpeg")
    image = opened(photo)
    assert image.format == "JPEG"
    assert image.size == (96, 64)
    assert_no_metadata(image)


def test_transparent_heic_is_put_on_white_for_jpeg():
    original = encode(Image.new("RGBA", (64, 64), (255, 0, 0, 0)), "HEIF", quality=90)

    image = opened(clean_photo(upload(original)))

    assert image.mode == "RGB"
    assert all(channel > 240 for channel in image.getpixel((32, 32)))


def test_webp_stays_webp_with_transparency_and_without_metadata():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera maker"
    original = encode(Image.new("RGBA", (64, 48), (0, 128, 0, 128)), "WEBP", exif=exif, icc_profile=SRGB_PROFILE)

    photo = clean_photo(upload(original, name="photo.webp", content_type="image/webp"))

    assert (photo.extension, photo.content_type) == ("webp", "image/webp")
    image = opened(photo)
    assert image.format == "WEBP"
    assert image.mode == "RGBA"
    assert_no_metadata(image)
    for chunk in (b"EXIF", b"ICCP", b"XMP "):
        assert chunk not in photo.content


def test_broken_icc_profile_is_dropped():
    photo = clean_photo(upload(jpeg(icc_profile=b"not a colour profile")))

    assert "icc_profile" not in opened(photo).info


def test_cmyk_jpeg_becomes_rgb():
    photo = clean_photo(upload(encode(Image.new("CMYK", (32, 32), (0, 255, 255, 0)), "JPEG")))

    image = opened(photo)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((16, 16))
    assert red > 200 and green < 80 and blue < 80


def test_16_bit_greyscale_png_keeps_its_tones():
    image = opened(clean_photo(upload(png(Image.new("I;16", (16, 16), 32768)))))

    assert 120 <= image.getpixel((8, 8))[0] <= 135


def test_too_many_pixels_is_refused():
    # 1-bit pixels compress so well that a 49-megapixel PNG is a few kilobytes.
    bomb = png(Image.new("1", (7000, 7000)))
    assert len(bomb) < 10_000 and 7000 * 7000 > MAX_PIXELS

    assert refusal(upload(bomb)) == TOO_MANY_PIXELS


def test_pixel_count_is_checked_before_decoding():
    # The header claims 7000×7000 but holds the pixel data of a 64×48 image: decoding would fail.
    assert refusal(upload(with_png_header(png(), 7000, 7000))) == TOO_MANY_PIXELS


def test_pillow_decompression_bomb_error_is_a_refusal():
    # Far above twice Image.MAX_IMAGE_PIXELS, so Pillow itself raises DecompressionBombError on open.
    assert refusal(upload(with_png_header(png(), 50_000, 50_000))) == TOO_MANY_PIXELS


def test_pillow_decompression_bomb_warning_is_a_refusal(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    assert refusal(upload(jpeg((40, 40)))) == TOO_MANY_PIXELS


def test_pillow_global_pixel_limit_is_left_alone():
    limit = Image.MAX_IMAGE_PIXELS

    clean_photo(upload(jpeg()))
    refusal(upload(with_png_header(png(), 7000, 7000)))

    assert Image.MAX_IMAGE_PIXELS == limit


@pytest.mark.parametrize(
    "original",
    [
        pytest.param(jpeg() + zip_archive(), id="jpeg-then-zip"),
        pytest.param(png() + zip_archive(), id="png-then-zip"),
        pytest.param(jpeg() + b"<html><body>hello</body></html>", id="jpeg-then-html"),
        pytest.param(jpeg() + b"\x00\x00" + b"garbage", id="jpeg-then-bytes"),
        pytest.param(with_segment(jpeg(), 0xFE, b"<script>alert(1)</script>"), id="script-in-jpeg-comment"),
        pytest.param(with_segment(jpeg(), 0xEB, zip_archive()), id="zip-in-jpeg-app-segment"),
        pytest.param(with_segment(jpeg(), 0xFE, b"<?php echo 1; ?>"), id="php-in-jpeg-comment"),
        pytest.param(with_segment(jpeg(), 0xFE, b"<SVG onload=alert(1)>"), id="svg-in-jpeg-comment"),
        pytest.param(with_segment(jpeg(), 0xFE, b"%PDF-1.7\n"), id="pdf-in-jpeg-comment"),
        pytest.param(png_with_text("<script src=//evil.example/x.js></script>"), id="script-in-png-text"),
    ],
)
def test_polyglots_are_refused(original):
    assert refusal(upload(original)) == HIDDEN_CONTENT


@pytest.mark.parametrize("padding", [b"\x00" * 4, b"\x00" * 4096, b"\r\n", b" \n"])
def test_camera_padding_after_the_image_is_accepted(padding):
    photo = clean_photo(upload(jpeg() + padding))

    assert opened(photo).size == (64, 48)


def test_exif_thumbnail_with_its_own_end_marker_is_accepted():
    thumbnail = jpeg((16, 12), "red")
    original = jpeg((160, 120), exif=exif_with_thumbnail(thumbnail))
    assert original.count(b"\xff\xd9") == 2
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.IFD1)

    photo = clean_photo(upload(original))

    assert photo.content.count(b"\xff\xd8") == 1  # the thumbnail is gone too
    assert_no_metadata(opened(photo))


def test_multi_picture_jpeg_keeps_only_the_main_picture():
    main, second = Image.new("RGB", (64, 48), "green"), Image.new("RGB", (64, 48), "blue")
    original = encode(main, "MPO", save_all=True, append_images=[second])
    assert Image.open(BytesIO(original)).n_frames == 2

    photo = clean_photo(upload(original))

    image = opened(photo)
    assert image.format == "JPEG"
    assert getattr(image, "n_frames", 1) == 1
    red, green, blue = image.getpixel((32, 24))
    assert green > 100 and blue < 50
    assert photo.content.count(b"\xff\xd8") == 1


@pytest.mark.parametrize(
    ("original", "name"),
    [
        pytest.param(b"Dear council, please fix the street lights.\n", "photo.jpg", id="text-named-jpg"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "photo.png", id="svg"),
        pytest.param(encode(Image.new("RGB", (32, 32)), "GIF"), "photo.gif", id="gif"),
        pytest.param(encode(Image.new("RGB", (32, 32)), "BMP"), "photo.jpg", id="bmp"),
        pytest.param(encode(Image.new("RGB", (32, 32)), "TIFF"), "photo.jpg", id="tiff"),
        pytest.param(encode(Image.new("RGB", (32, 32)), "AVIF"), "photo.heic", id="avif"),
        pytest.param(b"", "photo.jpg", id="empty"),
    ],
)
def test_files_that_are_not_accepted_photos_are_refused(original, name):
    assert refusal(upload(original, name=name)) == UNREADABLE


def noisy():
    """An image that does not compress to almost nothing, so that cutting its file loses pixels."""
    return Image.effect_noise((128, 96), 64).convert("RGB")


@pytest.mark.parametrize("load_truncated_images", [False, True])
@pytest.mark.parametrize(
    "original",
    [
        pytest.param(encode(noisy(), "JPEG"), id="jpeg"),
        pytest.param(encode(noisy(), "PNG"), id="png"),
        pytest.param(encode(noisy(), "WEBP"), id="webp"),
    ],
)
def test_truncated_files_are_refused(monkeypatch, original, load_truncated_images):
    # Another part of the site may set this Pillow global; truncation must be caught regardless.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated_images)

    assert refusal(upload(original[: len(original) * 2 // 3])) == UNREADABLE


def test_oversized_upload_is_refused():
    assert refusal(upload(b"\xff" * (MAX_UPLOAD_BYTES + 1))) == TOO_LARGE


def test_oversized_stream_is_refused_after_reading_one_byte_past_the_limit():
    class Stream:
        """A file-like object without .size that would never end."""

        def __init__(self):
            self.requested = []

        def read(self, size):
            self.requested.append(size)
            return b"\xff" * size

    stream = Stream()

    assert refusal(stream) == TOO_LARGE
    assert stream.requested == [MAX_UPLOAD_BYTES + 1]


def test_upload_at_the_limit_is_read():
    # Exactly MAX_UPLOAD_BYTES is allowed: the photo is judged on its content instead.
    assert refusal(upload(b"\xff" * MAX_UPLOAD_BYTES)) == UNREADABLE


@pytest.mark.parametrize("format", ["WEBP", "PNG", "HEIF"])
def test_animated_and_multi_image_files_are_refused(format):
    first, *others = (Image.new("RGB", (32, 32), color) for color in ("red", "green", "blue"))
    original = encode(first, format, save_all=True, append_images=others, duration=100)
    assert Image.open(BytesIO(original)).n_frames == 3

    assert refusal(upload(original)) == ANIMATED


def test_phone_camera_trailers_are_accepted_and_dropped():
    """Motion photos (a short video after the JPEG) and Samsung's trailer are not hidden files."""
    import os

    base = BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 40)).save(base, format="JPEG")
    video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(2048).replace(b"PK", b"pk")
    samsung = b"\x00" * 8 + b"SEFH" + b"\x01\x00\x00\x00" + b"Image_UTC_Data1700000000000" + b"\x20\x00\x00\x00SEFT"
    for trailer in (video, b"MotionPhoto_Data" + video, samsung):
        clean = clean_photo(BytesIO(base.getvalue() + trailer))
        assert clean.extension == "jpg"
        assert b"ftyp" not in clean.content and b"SEFT" not in clean.content
    with pytest.raises(PhotoRefused):
        clean_photo(BytesIO(base.getvalue() + video + b"<script>alert(1)</script>"))


def test_a_decoder_failing_on_crafted_input_becomes_a_refusal():
    """Whatever a decoder raises on a crafted file, the resident gets the "not a photo" message, never an error."""
    import pillow_heif

    buffer = BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (32, 32), (200, 10, 10))).save(buffer, quality=80)
    for crafted in (buffer.getvalue() + b"\x00\x00\x00\x01abcd", buffer.getvalue()[:-40] + b"\xff" * 40):
        with pytest.raises(PhotoRefused):
            clean_photo(BytesIO(crafted))
