from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    # Heads the admin index and breadcrumbs; without it editors read the English "Goals".
    verbose_name = _("Masterplan and goals")
    # Editors change it, public pages show it (editorial/apps.py).
    editorial_content = True
