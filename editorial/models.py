"""
What every content model shares: the one rule for what the public sees, the one way to
get a singleton's record, and the editorial bookkeeping rows (translation state, seed).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Min, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public may see."""
        return self.filter(published=True)


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")


def _window(now):
    """(started, ended): the publishing window's two edges at `now`, as conditions."""
    started = Q(publish_from__isnull=True) | Q(publish_from__lte=now)
    ended = Q(publish_until__isnull=False) & Q(publish_until__lte=now)
    return started, ended


class ScheduledQuerySet(PublishedQuerySet):
    """
    Published, and inside its publishing window right now: no cron job flips a flag. The
    window's edges are written once (`_window`); the admin's states, its filter and the
    page cache's expiry all ask this QuerySet.
    """

    def published(self):
        started, ended = _window(timezone.now())
        return super().published().filter(started & ~ended)

    # The other publication states, for the admin's filter; together with published()
    # they cover every row exactly once.
    def drafts(self):
        return self.filter(published=False)

    def scheduled(self):
        started, ended = _window(timezone.now())
        return self.filter(published=True).exclude(started | ended)

    def expired(self):
        _started, ended = _window(timezone.now())
        return self.filter(published=True).filter(ended)

    def with_publication_state(self):
        """Each row's state as `publication_state`, by the same edges as the methods above."""
        started, ended = _window(timezone.now())
        return self.annotate(
            publication_state=Case(
                When(published=False, then=Value(PublicationState.DRAFT)),
                When(ended, then=Value(PublicationState.EXPIRED)),
                When(~started, then=Value(PublicationState.SCHEDULED)),
                default=Value(PublicationState.LIVE),
                output_field=models.CharField(),
            )
        )

    def next_change(self):
        """The next moment an item appears or disappears, or None: when cached pages expire."""
        started, ended = _window(timezone.now())
        found = self.filter(published=True).aggregate(
            appears=Min("publish_from", filter=~started & ~ended),
            disappears=Min("publish_until", filter=started & ~ended),
        )
        return min((moment for moment in found.values() if moment), default=None)


class Scheduled(models.Model):
    """Optional publishing window for content that appears and disappears on time."""

    publish_from = models.DateTimeField(
        _("publish from"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    publish_until = models.DateTimeField(
        _("publish until"), null=True, blank=True, help_text=_("Empty: without end.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": _("The end of publication must come after its start.")}
            )


class Singleton(models.Model):
    """Content that exists once (the agency's profile, the Masterplan): `Model.one()` is it."""

    class Meta:
        abstract = True

    @classmethod
    def the_one(cls):
        """The record as a QuerySet (empty before one is made): the first one made. Other
        queries use it as a subquery, so "which record" is decided here alone."""
        return cls.objects.filter(pk__in=cls.objects.order_by("pk").values("pk")[:1])

    @classmethod
    def one(cls, *related):
        """The record, or None before one is made; `related` as for select_related()."""
        return cls.the_one().select_related(*related).first()


class SeedRecord(models.Model):
    """Which seed items were loaded, so a re-run never recreates what an editor deleted."""

    key = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    # Its label before the apps were split, for archives and PO files written then.
    former_labels = ("pages.seedrecord",)

    class Meta:
        db_table = "pages_seedrecord"

    def __str__(self):
        return self.key


class TranslationState(models.Model):
    """
    The German source a translation was made from, per object, language and field.

    One generic table rather than extra columns on every model, so a language added in
    settings needs no migration. It keeps a digest, not a copy: comparing is all it is for.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    language = models.CharField(max_length=15)
    field = models.CharField(max_length=100)
    source_digest = models.CharField(max_length=64)
    translated_at = models.DateTimeField(auto_now=True)

    former_labels = ("pages.translationstate",)

    class Meta:
        db_table = "pages_translationstate"
        verbose_name = _("translation work")
        verbose_name_plural = _("translation work")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "field"],
                name="one_translation_state_per_field",
            )
        ]

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model}:{self.object_id}"


class OldAddress(models.Model):
    """
    An address a page had before its slug changed. Visitors and search engines that come
    to it get a 301 to wherever the page is now (editorial/redirects.py): it names the page,
    not its next address, so a page renamed twice sends both old addresses straight on.
    """

    path = models.CharField(_("old address"), max_length=500, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("moved on"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.path
