from django.core.management.commands.check import Command as DjangoCheckCommand

from ...duties import TAG, asked_for


class Command(DjangoCheckCommand):
    """Django's `check`, which reports the content duties when asked: `--tag content`."""

    def handle(self, *app_labels, **options):
        if TAG in (options.get("tags") or []):
            with asked_for():
                return super().handle(*app_labels, **options)
        return super().handle(*app_labels, **options)
