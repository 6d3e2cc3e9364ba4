from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Index every searchable object afresh (after changes made without model signals)."

    def handle(self, *args, **options):
        count = index.rebuild()
        if options["verbosity"]:
            self.stdout.write(f"Search index rebuilt: {count} entries.")
