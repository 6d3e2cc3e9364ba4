"""
Uploads lose what they say about where, when and with what they were made, before they
are stored: a phone photo's EXIF carries its GPS position and the camera's serial number,
a phone video its location atom (`©xyz`). Stored originals are public (a Django view or
the object store serves them), so the file itself must be clean, wherever it is stored.

Photos keep their pixels: JPEG, PNG and WebP are filtered at the container level, an
allowlist of the segments or chunks that draw the picture, nothing decoded or encoded
again. Only a photo that EXIF turns (the orientation tag goes with EXIF) is turned upright
and encoded again, JPEG with its own quantisation tables, so no loss is visible. The ICC
profile stays: it describes colours, not people or places, and without it a wide-gamut
phone photo would look dull.

Videos keep every byte of picture and sound: an MP4's boxes that hold user data and
metadata are renamed `free` and zeroed, a WebM's tags become `Void` elements, in place,
so no chunk offset moves. Neither mutagen (which
writes only the iTunes `ilst` list, not `udta/©xyz` or Apple's `meta/keys`) nor any other
maintained library does this without a remux.
"""

import io
import re
import secrets
import shutil
import tempfile
from pathlib import PurePosixPath

from PIL import Image, ImageOps, JpegImagePlugin

# JPEG: segments kept besides those that code the image (tables, frame, scans): the JFIF
# header, the ICC profile (in APP2) and Adobe's colour transform flag (in APP14, which
# CMYK files need to decode right). Every other APPn (EXIF, XMP, IPTC, MPF, maker data)
# and every comment goes, and so does anything after the first image's end (the second
# image of an MPO file, a phone maker's trailer).
KEPT_APP_SEGMENTS = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
COMMENT = 0xFE
START_OF_SCAN = 0xDA
END_OF_IMAGE = 0xD9
# A marker inside entropy-coded data: 0xFF neither stuffed (00) nor a restart (D0–D7).
NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")

# PNG: the chunks that draw the picture and its colours; text, EXIF and time chunks go.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT_CHUNKS = {
    *(b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"bKGD", b"pHYs", b"sBIT", b"hIST"),
    *(b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI", b"sPLT"),
    *(b"acTL", b"fcTL", b"fdAT"),  # animation
}

# WebP: the image, alpha, animation and ICC chunks; EXIF and XMP go, and so do their
# flags in the extended header.
WEBP_KEPT_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF_AND_XMP_FLAGS = 0x08 | 0x04

EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
ORIENTATION = 0x0112


class UnknownFormat(ValueError):
    pass


def unguessable_name(extension):
    """A stored file's name: 128 random bits, so no address can be guessed from another."""
    return f"{secrets.token_hex(16)}{extension}"


def is_unguessable(name):
    return re.fullmatch(r"[0-9a-f]{32}\.[a-z0-9]+", PurePosixPath(name).name) is not None


# Photos


def jpeg_without_metadata(data):
    if not data.startswith(b"\xff\xd8"):
        raise UnknownFormat("no JPEG start marker")
    kept = [b"\xff\xd8"]
    position = 2
    while True:
        if data[position : position + 1] != b"\xff" or position + 2 > len(data):
            raise UnknownFormat("JPEG segment expected")
        while data[position + 1 : position + 2] == b"\xff":  # fill bytes
            position += 1
        if position + 2 > len(data):
            raise UnknownFormat("JPEG cut off")
        marker = data[position + 1]
        if marker == END_OF_IMAGE:
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise UnknownFormat("JPEG segment runs past the file")
        if marker == START_OF_SCAN:
            scan_end = NEXT_MARKER.search(data, end)
            if scan_end is None:
                raise UnknownFormat("JPEG scan without end")
            kept.append(data[position : scan_end.start()])
            position = scan_end.start()
            continue
        is_app = 0xE0 <= marker <= 0xEF
        payload = data[position + 4 : end]
        if not (is_app or marker == COMMENT) or (
            is_app and payload.startswith(KEPT_APP_SEGMENTS.get(marker, b"\xff"))
        ):
            kept.append(data[position:end])
        position = end


def png_without_metadata(data):
    if not data.startswith(PNG_SIGNATURE):
        raise UnknownFormat("no PNG signature")
    kept = [PNG_SIGNATURE]
    position = len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind in PNG_KEPT_CHUNKS:
            kept.append(data[position:end])
        if kind == b"IEND":
            break
        position = end
    return b"".join(kept)


def webp_without_metadata(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise UnknownFormat("no WebP header")
    kept = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        end = position + 8 + size + (size & 1)  # chunks are padded to an even length
        chunk = data[position:end]
        if kind == b"VP8X":
            chunk = chunk[:8] + bytes([chunk[8] & ~VP8X_EXIF_AND_XMP_FLAGS]) + chunk[9:]
        if kind in WEBP_KEPT_CHUNKS:
            kept.append(chunk)
        position = end
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


CONTAINER_FILTERS = {
    "JPEG": jpeg_without_metadata,
    "MPO": jpeg_without_metadata,
    "PNG": png_without_metadata,
    "WEBP": webp_without_metadata,
}


def upright(image, image_format, data):
    """The picture turned as its EXIF orientation says, encoded again in its own format."""
    turned = ImageOps.exif_transpose(image)
    options = {"icc_profile": image.info.get("icc_profile")}
    if image_format in {"JPEG", "MPO"}:
        # The original's own tables and subsampling: the same compression, no visible loss.
        options["qtables"] = image.quantization
        subsampling = JpegImagePlugin.get_sampling(image)
        if subsampling != -1:
            options["subsampling"] = subsampling
        image_format = "JPEG"
    elif image_format == "WEBP":
        options.update({"lossless": True} if b"VP8L" in data[:64] else {"quality": 95})
    elif image_format == "AVIF":
        options["quality"] = 90
    buffer = io.BytesIO()
    turned.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def image_without_metadata(data):
    """(`data` without EXIF, XMP, IPTC, text or comments, file extension without dot)."""
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format
        if image_format not in EXTENSIONS:
            raise UnknownFormat(image_format)
        turned = image.getexif().get(ORIENTATION, 1) not in (0, 1)
        # AVIF's boxes are not filtered here: encoded again only when Pillow finds metadata.
        if turned or (image_format == "AVIF" and {"exif", "xmp"} & set(image.info)):
            data = upright(image, image_format, data)
    container_filter = CONTAINER_FILTERS.get(image_format)
    return (container_filter(data) if container_filter else data), EXTENSIONS[image_format]


# Videos


# Boxes that hold user data and metadata: `udta` (Android's `©xyz`, camera make and model,
# XMP) and `meta` (Apple's location key) in the movie, in each track and at the top, and
# top-level `uuid` boxes (XMP from Adobe's tools, camera makers' profiles).
MOVIE_METADATA_BOXES = {b"udta", b"meta"}
TOP_LEVEL_METADATA_BOXES = {b"meta", b"uuid"}
MAX_TOP_LEVEL_BOXES = 1000
COPY_CHUNK = 1024 * 1024


def boxes_in(file, start, end):
    """(type, offset, header size, size) of each box between `start` and `end` of `file`."""
    position = start
    for _box in range(MAX_TOP_LEVEL_BOXES):
        if position + 8 > end:
            return
        file.seek(position)
        header = file.read(8)
        size, kind, header_size = int.from_bytes(header[:4], "big"), header[4:8], 8
        if size == 1:
            size, header_size = int.from_bytes(file.read(8), "big"), 16
        elif size == 0:
            size = end - position
        if size < header_size or position + size > end:
            return  # a damaged tail: the validator has refused what matters
        yield kind, position, header_size, size
        position += size


def mp4_metadata_boxes(file):
    """(offset, header size, size) of every metadata box in an MP4 file, found by seeking."""
    total = file.seek(0, io.SEEK_END)
    found = []
    for kind, offset, header, size in boxes_in(file, 0, total):
        if kind in TOP_LEVEL_METADATA_BOXES:
            found.append((offset, header, size))
        elif kind == b"moov":
            for inner, inner_offset, inner_header, inner_size in boxes_in(
                file, offset + header, offset + size
            ):
                if inner in MOVIE_METADATA_BOXES:
                    found.append((inner_offset, inner_header, inner_size))
                elif inner == b"trak":
                    found += [
                        (track_offset, track_header, track_size)
                        for track_box, track_offset, track_header, track_size in boxes_in(
                            file, inner_offset + inner_header, inner_offset + inner_size
                        )
                        if track_box in MOVIE_METADATA_BOXES
                    ]
    file.seek(0)
    return found


def neutralise_mp4_metadata(file):
    """Rename every metadata box of a writable MP4 `file` to `free` and zero its content."""
    for offset, header, size in mp4_metadata_boxes(file):
        file.seek(offset + 4)
        file.write(b"free")
        file.seek(offset + header)
        remaining = size - header
        while remaining:
            step = min(remaining, COPY_CHUNK)
            file.write(bytes(step))
            remaining -= step
    file.seek(0)


# WebM (Matroska): each tag (`SimpleTag`, which may say LOCATION) and each attached file
# becomes a `Void` element of the same length, which every parser skips; the `Tags` and
# `Attachments` elements that the seek index points to stay where they are.
MATROSKA_SEGMENT = b"\x18\x53\x80\x67"
MATROSKA_TAGS, MATROSKA_TAG, MATROSKA_SIMPLE_TAG = b"\x12\x54\xc3\x67", b"\x73\x73", b"\x67\xc8"
MATROSKA_ATTACHMENTS, MATROSKA_ATTACHED_FILE = b"\x19\x41\xa4\x69", b"\x61\xa7"
MATROSKA_VOID = b"\xec"
MAX_ELEMENTS = 100_000


def ebml_elements(file, start, end):
    """(id, offset, data offset, size) of each element between `start` and `end`.

    An element of unknown size (a live recording's Segment or Cluster) is entered: its
    children follow as if they were its siblings."""
    position = start
    for _element in range(MAX_ELEMENTS):
        file.seek(position)
        head = file.read(12)
        if position >= end or len(head) < 2 or not head[0]:
            return
        id_length = 9 - head[0].bit_length()
        if id_length > 4 or not head[id_length : id_length + 1].strip(b"\0"):
            return
        size_length = 9 - head[id_length].bit_length()
        value = int.from_bytes(head[id_length : id_length + size_length], "big")
        size = value & ((1 << (7 * size_length)) - 1)
        data = position + id_length + size_length
        if size == (1 << (7 * size_length)) - 1:  # unknown
            position = data
            continue
        yield head[:id_length], position, data, size
        position = data + size


def webm_metadata_elements(file):
    """(offset, length) of every tag and attached file in a WebM file."""
    total = file.seek(0, io.SEEK_END)
    found = []
    for element, _offset, data, size in ebml_elements(file, 0, total):
        if element == MATROSKA_SEGMENT:
            found += webm_metadata_elements_in(file, data, min(data + size, total))
    file.seek(0)
    return found


def webm_metadata_elements_in(file, start, end):
    found = []
    for element, _offset, data, size in ebml_elements(file, start, end):
        if element == MATROSKA_ATTACHMENTS:
            found += [
                (offset, inner_data + inner_size - offset)
                for inner, offset, inner_data, inner_size in ebml_elements(file, data, data + size)
                if inner == MATROSKA_ATTACHED_FILE
            ]
        elif element == MATROSKA_TAGS:
            for tag, _tag_offset, tag_data, tag_size in ebml_elements(file, data, data + size):
                if tag == MATROSKA_TAG:
                    found += [
                        (offset, inner_data + inner_size - offset)
                        for inner, offset, inner_data, inner_size in ebml_elements(
                            file, tag_data, tag_data + tag_size
                        )
                        if inner == MATROSKA_SIMPLE_TAG
                    ]
    return found


def matroska_void(length):
    """A Void element of exactly `length` bytes (at least 2)."""
    size_length = min(length - 1, 8)
    payload = length - 1 - size_length
    size = ((1 << (7 * size_length)) | payload).to_bytes(size_length, "big")
    return MATROSKA_VOID + size + bytes(payload)


def neutralise_webm_metadata(file):
    for offset, length in webm_metadata_elements(file):
        file.seek(offset)
        file.write(matroska_void(length))
    file.seek(0)


METADATA_FINDERS = {".mp4": mp4_metadata_boxes, ".webm": webm_metadata_elements}
NEUTRALISERS = {".mp4": neutralise_mp4_metadata, ".webm": neutralise_webm_metadata}


def video_carries_metadata(file, extension):
    finder = METADATA_FINDERS.get(extension)
    return bool(finder and finder(file))


def video_without_metadata(content, extension):
    """A temporary copy of the video `content` without its metadata (close it when done)."""
    copy = tempfile.TemporaryFile()
    content.seek(0)
    shutil.copyfileobj(content, copy, COPY_CHUNK)
    content.seek(0)
    if extension in NEUTRALISERS:
        NEUTRALISERS[extension](copy)
    copy.seek(0)
    return copy
