from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """
    A visitor's report of a barrier on the site: the feedback mechanism BITV 2.0 § 7
    requires. Kept as sent; it stores no IP address (the rate limit needs none for long).
    """

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=5000)
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=15)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    # Its label before the apps were split, for archives written then.
    former_labels = ("pages.accessibilityfeedback",)

    class Meta:
        db_table = "pages_accessibilityfeedback"
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {Truncator(self.message).chars(60)}"
