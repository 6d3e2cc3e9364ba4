from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentChecksConfig(AppConfig):
    name = "content_checks"
    verbose_name = _("Content checks")
