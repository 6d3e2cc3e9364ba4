"""
Uploads as phones and cameras make them: a JPEG with GPS in its EXIF (plus XMP, IPTC and a
comment), PNG and WebP with EXIF, MP4 videos with a location atom (Android's `©xyz` in
`moov/udta`, Apple's key in `moov/meta`), and a WebM video with a LOCATION tag. Every
marker below must be gone from whatever the site serves.
"""

import io
import re
import struct
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.ExifTags import IFD

CAMERA = b"SpionCam X100"
ISO6709 = b"+51.5136+007.4653/"
XMP_MARKER = b"Friedensplatz-XMP"
IPTC_MARKER = b"Friedensplatz-IPTC"
COMMENT_MARKER = b"Friedensplatz-Kommentar"
# Anything of these in a served file gives a place or a camera away.
MARKERS = [CAMERA, ISO6709, XMP_MARKER, IPTC_MARKER, COMMENT_MARKER, b"\xa9xyz", b"Exif\0\0"]
VIDEOS = Path(__file__).resolve().parent / "videos"


def camera_exif(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = CAMERA.decode()  # Make
    exif[0x0110] = "Modell 7"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(IFD.GPSInfo)
    gps.update({1: "N", 2: (51.0, 30.0, 49.0), 3: "E", 4: (7.0, 27.0, 55.0)})
    return exif


def phone_jpeg(size=(64, 48), orientation=1):
    """A JPEG as a phone writes it: EXIF with GPS and camera, XMP, IPTC and a comment."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 140)).save(
        buffer,
        format="JPEG",
        exif=camera_exif(orientation),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + XMP_MARKER + b"</x:xmpmeta>",
        comment=COMMENT_MARKER,
    )
    data = buffer.getvalue()
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x14\x1c\x02\x5a" + IPTC_MARKER
    app13 = b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc
    return data[:2] + app13 + data[2:]


def image_with_exif(image_format, size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 140)).save(buffer, format=image_format, exif=camera_exif())
    return buffer.getvalue()


def photo_upload(data=None, name="IMG_1234.jpg"):
    return SimpleUploadedFile(name, data or phone_jpeg(), content_type="image/jpeg")


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def same_size_box(kind, payload, size):
    """A `kind` box of exactly `size` bytes: `payload`, then a `free` box filling the rest."""
    room = size - 8 - len(payload)
    assert room == 0 or room >= 8, room
    return box(kind, payload + (box(b"free", bytes(room - 8)) if room else b""))


def android_location():
    # QuickTime user data text: length, language, text.
    return box(b"\xa9xyz", struct.pack(">HH", len(ISO6709), 0x15C7) + ISO6709)


def apple_location():
    key = b"com.apple.quicktime.location.ISO6709"
    handler = box(b"hdlr", bytes(8) + b"mdta" + bytes(13))
    keys = box(b"keys", bytes(4) + struct.pack(">I", 1) + box(b"mdta", key))
    items = box(b"ilst", box(struct.pack(">I", 1), box(b"data", bytes(8) + ISO6709)))
    return bytes(4) + handler + keys + items


def with_box_in_moov(data, new_box):
    """`data` with `new_box` at the end of its `moov`, the chunk offsets after it moved on."""
    moov = data.index(b"moov") - 4
    moov_size = struct.unpack(">I", data[moov : moov + 4])[0]
    stco = data.index(b"stco") - 4
    count = struct.unpack(">I", data[stco + 12 : stco + 16])[0]
    first = stco + 16
    offsets = struct.unpack(f">{count}I", data[first : first + 4 * count])
    moved = struct.pack(f">{count}I", *(offset + len(new_box) for offset in offsets))
    data = data[:first] + moved + data[first + 4 * count :]
    end = moov + moov_size
    grown = struct.pack(">I", moov_size + len(new_box))
    return data[:moov] + grown + data[moov + 4 : end] + new_box + data[end:]


def phone_mp4(style="android"):
    """tests/videos/testbild.mp4 with a location: a `©xyz` atom in its `moov/udta`, as
    Android writes it (in the place of the sample's own `udta`, same size), or a
    `moov/meta` box with Apple's location key, as an iPhone writes it."""
    data = (VIDEOS / "testbild.mp4").read_bytes()
    if style == "apple":
        return with_box_in_moov(data, box(b"meta", apple_location()))
    udta = data.index(b"udta") - 4
    size = struct.unpack(">I", data[udta : udta + 4])[0]
    replacement = same_size_box(b"udta", android_location(), size)
    return data[:udta] + replacement + data[udta + size :]


def phone_webm():
    """tests/videos/testbild.webm with a LOCATION tag where its DURATION tag was (same size)."""
    data = (VIDEOS / "testbild.webm").read_bytes()
    duration = data.index(b"DURATION")
    value = data.index(b"00:00:01.000000000\0", duration)
    data = data[:duration] + b"LOCATION" + data[duration + 8 :]
    return data[:value] + ISO6709 + b"\0" + data[value + len(ISO6709) + 1 :]


def video_upload(data=None, name="VID_20260321_101500.mp4"):
    return SimpleUploadedFile(name, data or phone_mp4(), content_type="video/mp4")


def media_addresses(html):
    """Every address a page names in src, srcset, poster and href."""
    found = re.findall(r'\s(?:src|poster|href)="([^"]+)"', html)
    for srcset in re.findall(r'\ssrcset="([^"]+)"', html):
        found += [candidate.split()[0] for candidate in srcset.split(",")]
    return found


def metadata_left_in(data):
    """What in `data` still tells a place or a camera; an empty list for a clean file."""
    left = [marker for marker in MARKERS if marker in data]
    try:
        image = Image.open(io.BytesIO(data))
    except Exception:
        return left  # not an image: the byte markers are the check
    with image:
        exif = image.getexif()
        if exif or exif.get_ifd(IFD.GPSInfo):
            left.append(f"EXIF {dict(exif)}")
        left += [key for key in ("exif", "xmp", "photoshop", "comment", "mp") if key in image.info]
        left += list(getattr(image, "text", {}))
    return left
