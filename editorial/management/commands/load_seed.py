from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.link_report import broken_links


def seeding_modules():
    """Each installed app's `seeding` module, in INSTALLED_APPS order: a content app seeds
    itself by having one, with a `load()` that returns the keys it loaded now."""
    for config in apps.get_app_configs():
        name = f"{config.name}.seeding"
        if util.find_spec(name) is not None:
            yield import_module(name)


class Command(BaseCommand):
    help = (
        "Loads the agency's original content. Safe to run again: an item is loaded once, "
        "and never recreated or overwritten after editors change or delete it."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            loaded = [key for module in seeding_modules() for key in module.load()]
        if loaded:
            self.stdout.write(
                self.style.SUCCESS(f"Loaded {len(loaded)} seed items: " + ", ".join(loaded))
            )
        else:
            self.stdout.write("Seed content is already loaded; nothing changed.")
        # Seed files are written by hand: a link in them that leads nowhere is said, not kept quiet.
        for link in broken_links():
            self.stderr.write(
                f"Broken link in {link.obj._meta.label} “{link.obj}”, {link.field_name} "
                f"[{link.language}]: {link.href}: {link.problem}"
            )
