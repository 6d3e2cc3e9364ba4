from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from photos.models import Photo


class Command(BaseCommand):
    help = (
        "Makes the resized copies of every photo that lacks them (photos from before "
        "renditions existed, or whose files were lost). Safe to run again."
    )

    def handle(self, *args, **options):
        made = 0
        for photo in Photo.objects.all():
            items = (photo.renditions or {}).get("items", [])
            if items and all(default_storage.exists(item["name"]) for item in items):
                continue
            photo.renditions = {}
            try:
                photo.save()
            except OSError as error:  # the original itself is missing or unreadable
                self.stderr.write(f"Photo {photo.pk} ({photo.image.name}): {error}")
                continue
            made += 1
        if options["verbosity"]:
            self.stdout.write(f"Made renditions for {made} photos.")
