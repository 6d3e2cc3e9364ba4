from django.conf import settings
from django.core.management.base import BaseCommand

from feedback.models import AccessibilityFeedback


class Command(BaseCommand):
    help = (
        "Delete barrier reports older than DJANGO_ACCESSIBILITY_FEEDBACK_RETENTION_DAYS. "
        "The site does this by itself whenever a report arrives or the admin list opens; "
        "this is for doing it on demand."
    )

    def handle(self, *args, **options):
        deleted = AccessibilityFeedback.objects.purge_expired()
        self.stdout.write(
            f"Deleted {deleted} report(s) older than "
            f"{settings.ACCESSIBILITY_FEEDBACK_RETENTION_DAYS} days."
        )
