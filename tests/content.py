"""Small helpers that make content the way an editor would leave it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice, Photo


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
