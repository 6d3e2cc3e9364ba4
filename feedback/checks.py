"""The barrier form's recipient as a duty of the operator (content_checks.duties)."""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext

from content_checks.duties import register_duty


@register_duty
def feedback_has_a_recipient(**kwargs):
    if settings.ACCESSIBILITY_FEEDBACK_EMAIL:
        return []
    return [
        checks.Warning(
            gettext(
                "The form “Barriere melden” has no recipient address: reports are only "
                "stored, nobody is told of them."
            ),
            hint=gettext("Set DJANGO_ACCESSIBILITY_FEEDBACK_EMAIL."),
            id="feedback.W001",
        )
    ]
