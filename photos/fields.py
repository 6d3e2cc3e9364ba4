"""File fields whose files are stored without metadata, under names nobody can guess."""

from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile

from .metadata import (
    image_without_metadata,
    unguessable_name,
    video_carries_metadata,
    video_without_metadata,
)
from .validators import video_extension


class MetadataFreeImageFile(ImageFieldFile):
    def save(self, name, content, save=True):
        content.seek(0)
        data, extension = image_without_metadata(content.read())
        stored_name = unguessable_name(f".{extension}")
        # Named: Django reads the new dimensions from the content it is given, if named.
        super().save(stored_name, ContentFile(data, name=stored_name), save)

    def carries_metadata(self):
        with self.storage.open(self.name, "rb") as stored:
            data = stored.read()
        return image_without_metadata(data)[0] != data


class MetadataFreeImageField(models.ImageField):
    """An ImageField that stores the upload without EXIF, XMP, IPTC or text (photos.metadata)."""

    attr_class = MetadataFreeImageFile


class MetadataFreeVideoFile(FieldFile):
    def save(self, name, content, save=True):
        # The extension follows the content the validator found, never the uploaded name,
        # so the file is always served as the video it is.
        extension = video_extension(content) or PurePosixPath(name).suffix
        stored_name = unguessable_name(extension)
        with video_without_metadata(content, extension) as clean:
            super().save(stored_name, File(clean, name=stored_name), save)

    def carries_metadata(self):
        with self.storage.open(self.name, "rb") as stored:
            return video_carries_metadata(stored, PurePosixPath(self.name).suffix)


class MetadataFreeVideoField(models.FileField):
    """A FileField for MP4 and WebM videos, stored without their metadata boxes."""

    attr_class = MetadataFreeVideoFile


def metadata_free_fields(models_to_search):
    """Every file field of `models_to_search` that stores its files without metadata."""
    return [
        (model, field)
        for model in models_to_search
        for field in model._meta.concrete_fields
        if issubclass(
            getattr(field, "attr_class", type(None)), (MetadataFreeImageFile, MetadataFreeVideoFile)
        )
    ]
