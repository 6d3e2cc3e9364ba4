"""The security contact as a duty of the operator in production (content_checks.duties)."""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext

from content_checks.duties import register_duty


@register_duty
def production_has_a_security_contact(**kwargs):
    if not settings.PRODUCTION or settings.SECURITY_TXT_CONTACT:
        return []
    return [
        checks.Warning(
            gettext("/.well-known/security.txt names no contact for security reports."),
            hint=gettext("Set DJANGO_SECURITY_CONTACT (and DJANGO_SECURITY_TXT_EXPIRES)."),
            id="miado_site.W001",
        )
    ]
