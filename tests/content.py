"""Small helpers that make content the way an editor would leave it."""

import io
import os
import shutil
import tempfile

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice
from photos.models import Photo


def image_upload(name="photo.jpg", size=(64, 48), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 140)).save(buffer, format=image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_photo(**kwargs):
    values = {
        "alt_text_de": "Ein Haus",
        "caption_de": "Das Haus",
        "credit_name": "Erika Muster",
        "image": image_upload(),
    }
    values.update(kwargs)
    return Photo.objects.create(**values)


def make_profile(**kwargs):
    values = {"name_de": "Integrationszentrum", "short_name": "IZ", "lead_de": "Wir sind da."}
    values.update(kwargs)
    return AgencyProfile.objects.create(**values)


def make_focus_area(**kwargs):
    values = {"title_de": "Schwerpunkt", "text_de": "Text zum Schwerpunkt."}
    values.update(kwargs)
    return FocusArea.objects.create(**values)


def make_notice(**kwargs):
    values = {"title_de": "Meldung", "slug": "meldung", "text_de": "Text der Meldung."}
    values.update(kwargs)
    return Notice.objects.create(**values)


def make_free_page(**kwargs):
    values = {"title_de": "Impressum", "slug": "impressum", "body_de": "Angaben."}
    values.update(kwargs)
    return FreePage.objects.create(**values)


def make_masterplan(**kwargs):
    values = {"title_de": "Masterplan Migration/Integration"}
    values.update(kwargs)
    return Masterplan.objects.create(**values)


def make_goal(**kwargs):
    values = {"text_de": "Ein Ziel"}
    values.update(kwargs)
    if "masterplan" not in values:
        values["masterplan"] = Masterplan.objects.first() or make_masterplan()
    return Goal.objects.create(**values)


def use_temporary_media_root(test_case):
    """Give one test a media folder of its own, so what is (not) stored can be seen on disk."""
    media_root = tempfile.mkdtemp(prefix="miado-test-media-")
    test_case.addCleanup(shutil.rmtree, media_root, True)
    override = test_case.settings(MEDIA_ROOT=media_root)
    override.enable()
    test_case.addCleanup(override.disable)


def media_files():
    """Every file under the current MEDIA_ROOT, as paths relative to it."""
    return sorted(
        os.path.relpath(os.path.join(folder, name), settings.MEDIA_ROOT)
        for folder, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    )


def notice_form(notice, **overrides):
    """What the admin's change form sends for a notice, as an editor sees it."""
    data = {
        "title_de": notice.title_de,
        "title_en": notice.title_en or "",
        "slug": notice.slug,
        "date": "",
        "text_de": notice.text_de,
        "text_en": notice.text_en or "",
        "published": "on" if notice.published else "",
        "publish_from_0": "",
        "publish_from_1": "",
        "publish_until_0": "",
        "publish_until_1": "",
    }
    data.update(overrides)
    return data


def load_seed():
    """The seed content, as `make run` loads it; returns what the command reported."""
    out = io.StringIO()
    call_command("load_seed", stdout=out)
    return out.getvalue()
