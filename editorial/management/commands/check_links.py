from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from editorial.link_report import broken_links


class Command(BaseCommand):
    help = (
        "Lists every link in the content, in every language, that leads nowhere: pages of "
        "this site that are gone or unpublished, and links that cannot work. Exits with "
        "status 1 if it finds any."
    )

    def handle(self, *args, **options):
        with translation.override("de"):
            found = broken_links()
            for link in found:
                self.stdout.write(
                    f"{link.model_name} “{link.obj}” ({link.admin_url}), {link.field_label}, "
                    f"{link.language_name}: {link.href}\n  {link.problem}"
                )
        if found:
            raise CommandError(f"{len(found)} broken link(s).")
        self.stdout.write(self.style.SUCCESS("No broken links."))
