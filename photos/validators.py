"""What an upload (photo, sign language video, captions) must be before any of it is stored."""

import io
import re
import warnings

import webvtt
import webvtt.errors
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, features

from .metadata import CONTAINER_FILTERS

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


def refuse_larger_than(file, limit, message):
    """Refuse an upload over `limit` bytes, before anything reads it."""
    if file.size > limit:
        raise ValidationError(
            message,
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
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
    refuse_larger_than(
        file,
        settings.PHOTO_MAX_UPLOAD_SIZE,
        _("The file is %(size)s; photos may be at most %(limit)s."),
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
        # The metadata filter that saving runs (photos.metadata) must read the file too.
        if container_filter := CONTAINER_FILTERS.get(image_format):
            container_filter(data)
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


# Videos, such as those in German Sign Language.
#
# Checked by their container, never by name or content type: an MP4 (ISO base media file)
# whose video track is H.264, the one codec every browser plays in MP4, or a WebM (an EBML
# document of type "webm", whose codecs every current browser plays). A few boxes and
# header elements are read, never the whole file. No library fits: pymp4 pins a construct
# release from 2016, mutagen reads only audio tracks, ffprobe would add FFmpeg to every
# machine.

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = b"\x42\x82"
MATROSKA_SEGMENT = b"\x18\x53\x80\x67"
H264_SAMPLE_ENTRIES = {b"avc1", b"avc3"}
# A `moov` box holds the index of every frame: a few megabytes for hours of video.
MAX_MOOV_SIZE = 32 * 1024 * 1024
MAX_TOP_LEVEL_BOXES = 1000

INVALID_VIDEO = _(
    "This file is not a video in the format MP4 (H.264) or WebM, or it is damaged. "
    "Please export the video as MP4 with the H.264 codec and upload it then."
)


class NotAVideo(Exception):
    pass


def video_extension(file):
    """ ".mp4" or ".webm" by the file's first bytes, or "" for anything else."""
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if head.startswith(EBML_MAGIC):
        return ".webm"
    if head[4:8] == b"ftyp":
        return ".mp4"
    return ""


def iter_boxes(data):
    """(type, payload) of each ISO base media box in `data`."""
    position = 0
    while position + 8 <= len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        header = 8
        if size == 1:
            size = int.from_bytes(data[position + 8 : position + 16], "big")
            header = 16
        elif size == 0:
            size = len(data) - position
        if size < header or position + size > len(data):
            raise NotAVideo(f"box {kind!r} runs past its parent")
        yield kind, data[position + header : position + size]
        position += size


def child(payload, *path):
    """The payload of the first box along `path`, or None."""
    for kind in path:
        payload = next((data for found, data in iter_boxes(payload) if found == kind), None)
        if payload is None:
            return None
    return payload


def mp4_video_codecs(file):
    """The sample entry types (b"avc1", b"hev1" …) of every video track of an MP4 file.

    Walks the top-level boxes by seeking past them, reading only `ftyp` and `moov`.
    """
    moov = None
    start = 0
    total = file.seek(0, io.SEEK_END)
    file.seek(0)
    # A real file has a handful of top-level boxes; millions of tiny ones are an attack.
    for _box in range(MAX_TOP_LEVEL_BOXES):
        if moov is not None:
            break
        file.seek(start)
        header = file.read(8)
        if len(header) < 8:
            break
        size = int.from_bytes(header[:4], "big")
        kind = header[4:8]
        header_size = 8
        if size == 1:
            size = int.from_bytes(file.read(8), "big")
            header_size = 16
        if start == 0 and (kind != b"ftyp" or file.read(4) == b"qt  "):
            # QuickTime (.mov) looks alike but is not MP4; Firefox does not play it.
            raise NotAVideo("no MP4 ftyp box")
        if size == 0:
            break  # the last box runs to the end of the file: no moov after it
        if size < header_size:
            raise NotAVideo("box smaller than its header")
        # A 64-bit size may claim exabytes: seeking past it would overflow, not just miss.
        if start + size > total:
            raise NotAVideo("box runs past the end of the file")
        if kind == b"moov":
            if size > MAX_MOOV_SIZE:
                raise NotAVideo("moov box of impossible size")
            file.seek(start + header_size)
            moov = file.read(size - header_size)
            if len(moov) < size - header_size:
                raise NotAVideo("truncated moov box")
        start += size
    file.seek(0)
    if moov is None:
        raise NotAVideo("no moov box")
    codecs = []
    for kind, trak in iter_boxes(moov):
        if kind != b"trak":
            continue
        handler = child(trak, b"mdia", b"hdlr")
        if handler is None or handler[8:12] != b"vide":
            continue
        sample_descriptions = child(trak, b"mdia", b"minf", b"stbl", b"stsd")
        if sample_descriptions is None:
            raise NotAVideo("video track without sample description")
        # Version and flags (4 bytes) and the entry count (4 bytes), then the entries.
        codecs += [entry for entry, _data in iter_boxes(sample_descriptions[8:])]
    return codecs


def read_vint(data, position):
    """An EBML variable-length integer at `position`: (value, length in bytes)."""
    if position >= len(data):
        raise NotAVideo("EBML number cut off")
    first = data[position]
    if first == 0:
        raise NotAVideo("EBML number longer than 8 bytes")
    length = 9 - first.bit_length()
    if position + length > len(data):
        raise NotAVideo("EBML number cut off")
    value = first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    return value, length


def webm_doctype(file):
    """The DocType of an EBML file ("webm", "matroska" …), when a Segment follows its header."""
    file.seek(0)
    data = file.read(4096)
    file.seek(0)
    if not data.startswith(EBML_MAGIC):
        raise NotAVideo("no EBML header")
    size, length = read_vint(data, 4)
    position = 4 + length
    end = position + size
    if end + 4 > len(data):
        raise NotAVideo("EBML header cut off")
    doctype = None
    while position < end:
        id_length = 9 - data[position].bit_length()
        if id_length > 4:
            raise NotAVideo("EBML element id longer than 4 bytes")
        element = data[position : position + id_length]
        size, length = read_vint(data, position + id_length)
        value_start = position + id_length + length
        if value_start + size > end:
            raise NotAVideo("EBML element runs past the header")
        if element == EBML_DOCTYPE:
            doctype = data[value_start : value_start + size].rstrip(b"\0")
        position = value_start + size
    if position != end or data[end : end + 4] != MATROSKA_SEGMENT:
        raise NotAVideo("no Segment after the EBML header")
    return doctype


def validate_video_upload(file):
    """Refuse anything but an MP4 (H.264) or WebM video of at most VIDEO_MAX_UPLOAD_SIZE."""
    if getattr(file, "_committed", False):
        return  # already stored, checked when it was uploaded
    refuse_larger_than(
        file,
        settings.VIDEO_MAX_UPLOAD_SIZE,
        _("The file is %(size)s; videos may be at most %(limit)s."),
    )
    invalid = ValidationError(INVALID_VIDEO, code="invalid_video")
    extension = video_extension(file)
    try:
        if extension == ".webm":
            if webm_doctype(file) != b"webm":
                raise invalid
            return
        if extension != ".mp4":
            raise invalid
        codecs = mp4_video_codecs(file)
    except NotAVideo as error:
        raise invalid from error
    finally:
        file.seek(0)
    if not codecs:
        raise invalid
    other = [codec for codec in codecs if codec not in H264_SAMPLE_ENTRIES]
    if other:
        raise ValidationError(
            _(
                "This MP4 video is not encoded with H.264 (it uses %(codec)s), so not every "
                "browser can play it. Please export it again as MP4 with the H.264 codec."
            ),
            code="codec_not_allowed",
            params={"codec": other[0].decode("latin-1").strip()},
        )


# Captions: WebVTT, the only format `<track>` takes.
CAPTIONS_MAX_SIZE = 1024 * 1024
WEBVTT_SIGNATURE = re.compile(r"\AWEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|\Z)")


def validate_captions_upload(file):
    """A WebVTT file: UTF-8, the "WEBVTT" line first, and cues with valid time codes."""
    if getattr(file, "_committed", False):
        return
    refuse_larger_than(
        file, CAPTIONS_MAX_SIZE, _("The file is %(size)s; captions may be at most %(limit)s.")
    )
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The captions file must be plain text in UTF-8. Please save it again as UTF-8."),
            code="not_utf8",
        ) from error
    if not WEBVTT_SIGNATURE.match(text):
        raise ValidationError(
            _(
                "This is not a WebVTT captions file: its first line must be “WEBVTT”. "
                "Subtitles in another format (such as SRT) must first be converted to WebVTT."
            ),
            code="not_webvtt",
        )
    try:
        captions = webvtt.from_buffer(io.StringIO(text), strict=True).captions
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError) as error:
        raise ValidationError(
            _(
                "A caption in this file has no valid time code. Each caption needs a line "
                "such as “00:00:01.000 --> 00:00:04.000”."
            ),
            code="invalid_cue",
        ) from error
    if not captions:
        raise ValidationError(_("This captions file contains no captions."), code="no_captions")


# What each upload field accepts, in words, from the same settings the validators enforce:
# the admin shows it under the field (photos/forms.py), so editors learn the limits first.


def photo_upload_hint():
    return _("%(formats)s; at most %(size)s and %(pixels)s million pixels.") % {
        "formats": ALLOWED_NAMES,
        "size": filesizeformat(settings.PHOTO_MAX_UPLOAD_SIZE),
        "pixels": settings.PHOTO_MAX_PIXELS // 1_000_000,
    }


def video_upload_hint():
    return _("MP4 (H.264) or WebM; at most %(size)s.") % {
        "size": filesizeformat(settings.VIDEO_MAX_UPLOAD_SIZE)
    }


def captions_upload_hint():
    return _("WebVTT (.vtt); at most %(size)s.") % {"size": filesizeformat(CAPTIONS_MAX_SIZE)}


UPLOAD_HINTS = [
    (validate_photo_upload, photo_upload_hint),
    (validate_video_upload, video_upload_hint),
    (validate_captions_upload, captions_upload_hint),
]


def upload_hint(model_field):
    """The accepted formats and limits of an upload field, or "" for any other field."""
    for validator, hint in UPLOAD_HINTS:
        if validator in model_field.validators:
            return hint()
    return ""
