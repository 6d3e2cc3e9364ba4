from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from editorial.po_exchange import import_po


class Command(BaseCommand):
    help = (
        "Imports a translated PO file made by export_translations. Every entry is checked "
        "first; if any is invalid, nothing is applied and each problem is listed by line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", help="the file's language; its header decides if omitted")

    @no_translations
    def handle(self, *args, file, language, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        result = import_po(content, language)
        if not result.ok:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {error}" for error in result.errors)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.applied} translations; skipped {result.skipped} "
                "empty or fuzzy entries."
            )
        )
