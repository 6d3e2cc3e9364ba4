from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    # Heads the admin index and breadcrumbs; without it editors read the English "Pages".
    verbose_name = _("Website content")
    # Editors change it, public pages show it (editorial/apps.py).
    editorial_content = True

    def ready(self):
        # The legal pages are duties of the operator (content_checks).
        from . import checks  # noqa: F401
