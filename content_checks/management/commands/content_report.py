from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ...reports import SORT_KEYS, checked_models, kind, site_rows


class Command(BaseCommand):
    help = (
        "Prints the content check of every published text (as Admin → Inhaltsprüfung): "
        "words, readability and the number of hints, one row per text and language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])
        parser.add_argument(
            "--kind", help="A model label such as pages.notice (see --help for the choices)."
        )
        parser.add_argument(
            "--sort", default="object", choices=[*SORT_KEYS, *(f"-{k}" for k in SORT_KEYS)]
        )
        parser.add_argument("--hints", action="store_true", help="List every hint under its row.")
        parser.add_argument(
            "--fail-on-hints",
            action="store_true",
            help="Exit with status 1 if any text has a hint (for CI).",
        )

    def handle(self, *args, **options):
        kinds = {kind(model) for model in checked_models()}
        if options["kind"] and options["kind"] not in kinds:
            raise CommandError(
                f"Unknown kind {options['kind']!r}; one of: {', '.join(sorted(kinds))}."
            )
        # In the editors' language, as the admin shows it.
        with translation.override(settings.LANGUAGE_CODE):
            rows = site_rows(options["language"], options["kind"])
            order = options["sort"]
            rows.sort(key=SORT_KEYS[order.removeprefix("-")], reverse=order.startswith("-"))
            table = [["kind", "object", "language", "words", "minutes", "scores", "hints"]]
            for row in rows:
                report = row.report
                table.append(
                    [
                        kind(type(row.obj)),
                        row.label[:50],
                        report.language,
                        str(report.words),
                        str(report.reading_minutes),
                        "; ".join(
                            f"{score.name} {score.value:.1f} {score.verdict_label}"
                            for score in report.scores
                        ),
                        str(len(report.hints)),
                    ]
                )
            widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
            for index, line in enumerate(table):
                self.stdout.write(
                    "  ".join(
                        cell.ljust(width) for cell, width in zip(line, widths, strict=True)
                    ).rstrip()
                )
                if options["hints"] and index:
                    for hint in rows[index - 1].report.hints:
                        self.stdout.write(f"    - {hint.message} {hint.excerpt}".rstrip())
        if options["fail_on_hints"] and any(row.report.hints for row in rows):
            raise CommandError("Some texts have hints (see the table).", returncode=1)
