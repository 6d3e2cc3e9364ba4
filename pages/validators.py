"""What an uploaded photo must be before anything of it is stored."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, features

# Pillow's format names. MPO is how Pillow names the JPEGs of many phones and
# cameras (a JPEG with a second, preview image after the first).
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"} | ({"AVIF"} if features.check("avif") else set())
ALLOWED_NAMES = "JPEG, PNG, WebP" + (", AVIF" if "AVIF" in ALLOWED_FORMATS else "")

# Byte sequences that make a browser or server treat a file as a document or a script.
# No genuine photo carries them; a polyglot hides them in a comment, a metadata chunk
# or after the image data.
MARKUP_MARKERS = (
    b"<script",
    b"<html",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<body",
    b"<!doctype",
    b"<?php",
    b"<?xml",
    b"javascript:",
)

INVALID_IMAGE = _(
    "This file is not a photo in one of the formats %(formats)s, or it is damaged. "
    "Please save it again as JPEG, PNG or WebP with an image program and upload it then."
)


def ends_where_the_image_ends(image_format, data):
    """True when nothing is appended after the image's own end marker."""
    if image_format in {"JPEG", "MPO"}:
        return data.rstrip(b"\0").endswith(b"\xff\xd9")
    if image_format == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if image_format == "WEBP":
        # A RIFF container states its length: 8 header bytes plus the stated size.
        return len(data) == 8 + int.from_bytes(data[4:8], "little")
    return True  # AVIF: its boxes have no end marker; the markup check still applies.


def validate_photo_upload(file):
    """Decode a new upload completely; refuse anything but a plain photo.

    Rules, each with its own message: at most PHOTO_MAX_UPLOAD_SIZE bytes; a format on
    the allowlist, as decoded by Pillow (not the name or content type); at most
    PHOTO_MAX_PIXELS, checked before decoding (decompression bomb); the whole image
    decodes (truncated files); and no polyglot: the file ends where the image ends
    and carries no HTML or script anywhere, since uploads are served as they are.
    """
    if getattr(file, "_committed", False):
        return  # already stored, checked when it was uploaded
    if file.size > settings.PHOTO_MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.PHOTO_MAX_UPLOAD_SIZE),
            },
        )
    file.seek(0)
    data = file.read()
    file.seek(0)
    invalid = ValidationError(
        INVALID_IMAGE, code="invalid_image", params={"formats": ALLOWED_NAMES}
    )
    try:
        with warnings.catch_warnings():
            # Our own pixel limit comes first; Pillow's warning would only be noise here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)
            image_format = image.format
            width, height = image.size
    except Exception as error:
        raise invalid from error
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Files of type %(type)s cannot be used as photos. Allowed are: %(formats)s."),
            code="format_not_allowed",
            params={"type": image_format, "formats": ALLOWED_NAMES},
        )
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            _(
                "The image has %(width)s × %(height)s pixels, more than the %(limit)s million "
                "a photo may have. Please make it smaller first."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "limit": settings.PHOTO_MAX_PIXELS // 1_000_000,
            },
        )
    try:
        with Image.open(file) as image:
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except Exception as error:
        raise invalid from error
    finally:
        file.seek(0)
    lowered = data.lower()
    if not ends_where_the_image_ends(image_format, data) or any(
        marker in lowered for marker in MARKUP_MARKERS
    ):
        raise ValidationError(
            _(
                "This image file also contains other data (such as HTML or script code) "
                "and is refused for safety. Please save the photo again with an image "
                "program and upload the new file."
            ),
            code="polyglot",
        )
