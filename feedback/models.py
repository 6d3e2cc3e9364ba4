from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedbackQuerySet(models.QuerySet):
    """
    Reports are kept ACCESSIBILITY_FEEDBACK_RETENTION_DAYS, as the form promises. Like
    scheduled publishing this needs no cron job: the expired ones go whenever a report
    arrives or the admin list opens (and with `manage.py purge_feedback`).
    """

    @staticmethod
    def retention_cutoff():
        return timezone.now() - timedelta(days=settings.ACCESSIBILITY_FEEDBACK_RETENTION_DAYS)

    def kept(self):
        return self.filter(created_at__gt=self.retention_cutoff())

    def expired(self):
        return self.filter(created_at__lte=self.retention_cutoff())

    def purge_expired(self):
        """Delete the reports past their retention period; returns how many went."""
        deleted, _by_model = self.expired().delete()
        return deleted


class AccessibilityFeedback(models.Model):
    """
    A visitor's report of a barrier on the site: the feedback mechanism BITV 2.0 § 7
    requires. Kept as sent, for a limited time; it stores no IP address (the rate limit
    needs none for long).
    """

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=5000)
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=15)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = AccessibilityFeedbackQuerySet.as_manager()

    # Its label before the apps were split, for archives written then.
    former_labels = ("pages.accessibilityfeedback",)

    class Meta:
        db_table = "pages_accessibilityfeedback"
        # One report, two reports: "feedback" has no plural, and German needs one.
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {Truncator(self.message).chars(60)}"
