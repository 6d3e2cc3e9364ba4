"""
Resized copies of a photo, made once when it is saved, never while a page is served.

File names carry a hash of the original's content, so they never change meaning and
can be cached by browsers for a year. The copies are written without EXIF data: a
phone photo's GPS position must not reach the public.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, features

WIDTHS = (480, 800, 1200)
FOLDER = "renditions"
# Modern formats first; browsers take the first <source> they support.
MODERN_FORMATS = [("AVIF", "image/avif", "avif")] if features.check("avif") else []
MODERN_FORMATS.append(("WEBP", "image/webp", "webp"))
SAVE_OPTIONS = {
    "AVIF": {"quality": 60},
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}


def widths_for(original_width):
    """The standard widths below the original's, and the original's own if it is smaller."""
    return sorted({w for w in WIDTHS if w < original_width} | {min(original_width, WIDTHS[-1])})


def make_renditions(image_field):
    """Write every size and format of `image_field` to storage; returns what the photo keeps."""
    image_field.open("rb")
    image_field.seek(0)
    data = image_field.read()
    digest = hashlib.sha256(data).hexdigest()[:20]
    with Image.open(io.BytesIO(data)) as opened:
        # Turn the pixels upright before the orientation tag goes with the rest of EXIF.
        image = ImageOps.exif_transpose(opened)
        has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        fallback = ("PNG", "image/png", "png") if has_alpha else ("JPEG", "image/jpeg", "jpg")
        icc_profile = opened.info.get("icc_profile")
        items = []
        for width in widths_for(image.width):
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            for pillow_format, mime_type, extension in [*MODERN_FORMATS, fallback]:
                name = f"{FOLDER}/{digest}-{width}.{extension}"
                if not default_storage.exists(name):
                    buffer = io.BytesIO()
                    options = dict(SAVE_OPTIONS[pillow_format])
                    if icc_profile:
                        options["icc_profile"] = icc_profile
                    picture = resized if pillow_format != "JPEG" else resized.convert("RGB")
                    picture.save(buffer, format=pillow_format, **options)
                    default_storage.save(name, ContentFile(buffer.getvalue()))
                items.append({"name": name, "type": mime_type, "width": width, "height": height})
    return {"hash": digest, "items": items}


def delete_files(names):
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)
