from django.core.management.base import BaseCommand
from django.db import transaction

import goals.seeding
import pages.seeding


class Command(BaseCommand):
    help = (
        "Loads the agency's original content. Safe to run again: an item is loaded once, "
        "and never recreated or overwritten after editors change or delete it."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            loaded = pages.seeding.load() + goals.seeding.load()
        if loaded:
            self.stdout.write(
                self.style.SUCCESS(f"Loaded {len(loaded)} seed items: " + ", ".join(loaded))
            )
        else:
            self.stdout.write("Seed content is already loaded; nothing changed.")
