from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from editorial.models import Singleton
from editorial.page_content import languages_of_any, languages_with_text, site_languages


class Masterplan(Singleton):
    """The city-wide integration concept the agency develops and puts into practice."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The Masterplan's name, above its goals.")
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=format_lazy(
            "{} {}",
            _("Shown above the goals."),
            _(
                "Markdown: blank line between paragraphs, “- ” for lists, [text](https://…) "
                "for links, *emphasis*."
            ),
        ),
    )
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=200,
        blank=True,
        help_text=_("The body that adopted the Masterplan, shown below its name."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("Masterplan")
        verbose_name_plural = _("Masterplan")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:goal-list")

    def content_languages(self):
        return languages_with_text(self, ["title"])


class GoalQuerySet(models.QuerySet):
    def of_current_masterplan(self):
        """The goals the site shows: those of the Masterplan in force."""
        return self.filter(masterplan__in=Masterplan.the_one())


class Goal(models.Model):
    """One goal of the agency's work under the Masterplan."""

    masterplan = models.ForeignKey(
        Masterplan,
        verbose_name=_("Masterplan"),
        on_delete=models.CASCADE,
        related_name="goals",
        help_text=_("The Masterplan this goal belongs to."),
    )
    text = models.TextField(_("text"), help_text=_("The goal in one or a few sentences."))
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional: a photo shown beside the goal; its credit comes with it."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("goals:goal-list") + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"ziel-{self.pk}"

    def content_languages(self):
        return languages_with_text(self, ["text"])


def goal_page_languages(masterplan, goals):
    """The goals page is about its goals; before there are any, about the Masterplan."""
    if goals:
        return languages_of_any(goals)
    return masterplan.content_languages() if masterplan else site_languages()
