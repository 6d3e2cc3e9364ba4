from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Accessibility feedback")
    # Editors read and delete the reports (editorial/roles.py); no public page shows them,
    # so a new report leaves the page cache alone.
    editorial_content = True
    on_public_pages = False

    def ready(self):
        # Its recipient address is a duty of the operator (content_checks).
        from . import checks  # noqa: F401
