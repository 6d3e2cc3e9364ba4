from django.core.management.base import BaseCommand, CommandError

from editorial.po_exchange import export_po
from editorial.translation_status import target_languages


class Command(BaseCommand):
    help = (
        "Writes every translatable text of the site for one target language as a gettext "
        "PO file, for translation agencies and their CAT tools."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="the target language, e.g. en")
        parser.add_argument("--output", help="file to write; standard output without it")
        parser.add_argument(
            "--base-url", default="", help="e.g. https://www.example.de, for absolute admin links"
        )

    def handle(self, *args, language, output, base_url, **options):
        if language not in target_languages():
            raise CommandError(
                f"{language!r} is not a target language; choose from {target_languages()}."
            )
        po = export_po(language, base_url.rstrip("/"))
        if output:
            po.save(output)
            self.stderr.write(f"Wrote {len(po)} entries to {output}.")
        else:
            self.stdout.write(str(po))
