from django.apps import apps
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction

from photos.fields import metadata_free_fields
from photos.metadata import is_unguessable


class Command(BaseCommand):
    help = (
        "Stores every upload from before uploads lost their metadata (photos, posters, "
        "videos) again: without EXIF, XMP, IPTC or location boxes, under a random name; "
        "the old file is deleted. Safe to run again."
    )

    def handle(self, *args, **options):
        fixed = 0
        for model, field in metadata_free_fields(apps.get_models()):
            for record in model._base_manager.exclude(**{field.attname: ""}).order_by("pk"):
                try:
                    fixed += self.fix(record, field)
                except (OSError, ValueError) as error:  # missing, unreadable or damaged
                    name = getattr(record, field.attname).name
                    self.stderr.write(f"{model._meta.label} {record.pk} ({name}): {error}")
        if options["verbosity"]:
            self.stdout.write(f"Stored {fixed} uploads again without metadata.")

    def fix(self, record, field):
        """Store `record`'s file again if its name or content gives anything away."""
        stored = getattr(record, field.attname)
        old_name = stored.name
        if is_unguessable(old_name) and not stored.carries_metadata():
            return 0
        with stored.storage.open(old_name, "rb") as original, transaction.atomic():
            stored.save(old_name, File(original, name=old_name), save=False)
            # A save, not an update: history, page cache and renditions follow the new file.
            # Only its own columns, so that the page's "last updated" date stays; a photo
            # turned upright has swapped its width and height.
            dimensions = [getattr(field, "width_field", None), getattr(field, "height_field", None)]
            record.save(update_fields=[field.name, *filter(None, dimensions)])
        if stored.storage.exists(old_name):  # django-cleanup only deletes after a commit
            stored.storage.delete(old_name)
        return 1
