import functools
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from . import renditions
from .collation import GERMAN
from .validators import (
    VIDEO_TYPES,
    validate_captions_upload,
    validate_photo_upload,
    validate_video_upload,
    video_extension,
)


def site_languages():
    return [language_code for language_code, _name in settings.LANGUAGES]


@functools.cache  # LANGUAGES and the catalogues are fixed while the process runs
def interface_languages():
    """
    The languages a page of interface text alone (a form, the picture credits) exists in:
    the source language and those the project's own catalogues translate. A language that
    is switched on before its catalogue is written shows such pages in English words, so
    it is not offered to search engines yet.
    """
    return [
        code
        for code in site_languages()
        if code == settings.LANGUAGE_CODE
        or any(
            (Path(folder) / code / "LC_MESSAGES" / "django.po").exists()
            for folder in settings.LOCALE_PATHS
        )
    ]


def languages_with_text(obj, field_names):
    """
    The languages in which `obj` has text of its own (no fallback) in every one of
    `field_names`: the languages its page really exists in. Search engines and feeds are
    offered only these (hreflang, sitemap, Atom); the other languages' pages show the
    German text, say so, and name the German page as their canonical.

    An optional field the source language leaves empty (a page without an introduction)
    is missing in no translation, so it does not count.
    """
    source = settings.LANGUAGE_CODE
    names = [name for name in field_names if getattr(obj, build_localized_fieldname(name, source))]
    return [
        language_code
        for language_code in site_languages()
        if all(getattr(obj, build_localized_fieldname(name, language_code)) for name in names)
    ]


def languages_of_any(objects):
    """
    A list page's languages: its headings and navigation are always translated, so it
    counts as existing in a language when at least one of its items has text of its own
    there. A list with no items is interface text only: every language.
    """
    objects = list(objects)
    if not objects:
        return site_languages()
    found = {code for obj in objects for code in obj.content_languages()}
    return [code for code in site_languages() if code in found]


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public may see."""
        return self.filter(published=True)


class ScheduledQuerySet(PublishedQuerySet):
    def published(self):
        """Published, and inside its publishing window right now: no cron job flips a flag."""
        now = timezone.now()
        return (
            super()
            .published()
            .filter(Q(publish_from__isnull=True) | Q(publish_from__lte=now))
            .filter(Q(publish_until__isnull=True) | Q(publish_until__gt=now))
        )

    # The other publication states, for the admin's filter; together with published()
    # they cover every row exactly once.
    def drafts(self):
        return self.filter(published=False)

    def scheduled(self):
        return self.filter(published=True, publish_from__gt=timezone.now())

    def expired(self):
        return self.filter(published=True, publish_until__lte=timezone.now())


class Scheduled(models.Model):
    """Optional publishing window for content that appears and disappears on time."""

    publish_from = models.DateTimeField(
        _("publish from"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    publish_until = models.DateTimeField(
        _("publish until"), null=True, blank=True, help_text=_("Empty: without end.")
    )

    class PublicationState(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        EXPIRED = "expired", _("Expired")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": _("The end of publication must come after its start.")}
            )

    @property
    def publication_state(self):
        """What the public sees right now, by the same rule as `objects.published()`."""
        now = timezone.now()
        if not self.published:
            return self.PublicationState.DRAFT
        if self.publish_until and self.publish_until <= now:
            return self.PublicationState.EXPIRED
        if self.publish_from and self.publish_from > now:
            return self.PublicationState.SCHEDULED
        return self.PublicationState.LIVE


class Photo(models.Model):
    """An image together with the credit its licence requires, so neither travels alone."""

    class CreditRole(models.TextChoices):
        PHOTOGRAPHER = "photographer", _("Photographer")
        GRAPHIC_ARTIST = "graphic_artist", _("Graphic artist")
        LICENCE_HOLDER = "licence_holder", _("Licence holder")

    image = models.ImageField(
        _("image"),
        upload_to="photos/",
        width_field="width",
        height_field="height",
        # On the model field, so every way in (admin, forms, imports) checks uploads.
        validators=[validate_photo_upload],
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describes the picture for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    credit_name = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("Name of the photographer, graphic artist or licence holder."),
    )
    credit_role = models.CharField(_("credit role"), max_length=20, choices=CreditRole, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Made by pages.renditions when the image is saved, kept here so that a page
    # lists every size without a query or a look at storage.
    renditions = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        replaced = previous is not None and previous.image.name != self.image.name
        if self.image and (replaced or not self.renditions):
            self.renditions = renditions.make_renditions(self.image)
            super().save(update_fields=["renditions"])
        if replaced:
            transaction.on_commit(previous.delete_files_unless_used)

    def delete_files_unless_used(self):
        """Remove this photo's original and renditions from storage, unless a photo uses them."""
        photos = Photo.objects.exclude(pk=self.pk) if self.pk else Photo.objects.all()
        if self.image.name and not photos.filter(image=self.image.name).exists():
            self.image.storage.delete(self.image.name)
        digest = (self.renditions or {}).get("hash")
        if digest and not photos.filter(renditions__hash=digest).exists():
            renditions.delete_files(item["name"] for item in self.renditions["items"])

    @property
    def picture(self):
        """What `<picture>` needs: a srcset per modern format and the fallback's srcset and URL."""
        srcsets = {}
        for item in (self.renditions or {}).get("items", []):
            url = default_storage.url(item["name"])
            srcsets.setdefault(item["type"], []).append(f"{url} {item['width']}w")
        if not srcsets:
            return None
        *modern, fallback = srcsets.items()
        return {
            "sources": [{"type": mime, "srcset": ", ".join(urls)} for mime, urls in modern],
            "fallback_srcset": ", ".join(fallback[1]),
            "fallback_src": fallback[1][-1].rsplit(" ", 1)[0],
            "smallest_src": fallback[1][0].rsplit(" ", 1)[0],
        }


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    """A deleted photo takes its files along (original and renditions), also out of a
    shared object store.

    A signal, so that the admin's bulk delete does it too; after the commit, so that
    a delete that is rolled back leaves a photo that still has its files."""
    transaction.on_commit(instance.delete_files_unless_used)


class AgencyProfile(models.Model):
    """The agency itself: one record, shown on the home page, in the header and footer."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    lead = models.TextField(_("lead"), help_text=_("The first paragraph on the home page."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: blank line between paragraphs, "
            "“- ” for lists, [text](https://…) for links, "
            "*emphasis*."
        ),
    )
    hero_photo = models.ForeignKey(
        Photo,
        verbose_name=_("hero photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parent_organisation = models.CharField(_("parent organisation"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    # BITV 2.0 § 7: beside the feedback form stands the body that enforces accessibility.
    accessibility_enforcement_name = models.CharField(
        _("enforcement body"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown beside the accessibility feedback form: where people can turn when "
            "their feedback gets no satisfactory answer."
        ),
    )
    accessibility_enforcement_url = models.URLField(_("enforcement body's website"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("agency profile")
        verbose_name_plural = _("agency profile")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:home")

    def content_languages(self):
        """The home page's main content is the agency's name and lead."""
        return languages_with_text(self, ["name", "lead"])


class FocusArea(models.Model):
    """One of the agency's focus areas ("Schwerpunkte der Arbeit")."""

    title = models.CharField(_("title"), max_length=200, db_collation=GERMAN)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:focus-areas") + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"schwerpunkt-{self.pk}"

    def content_languages(self):
        return languages_with_text(self, ["title", "text"])


class Notice(Scheduled):
    """A dated announcement, such as the opening of the office at Friedensplatz."""

    title = models.CharField(_("title"), max_length=200, db_collation=GERMAN)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the address.")
    )
    text = models.TextField(_("text"))
    date = models.DateField(_("date"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScheduledQuerySet.as_manager()

    class Meta(Scheduled.Meta):
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # Undated notices sort by when they were written.
        ordering = [models.F("date").desc(nulls_last=True), "-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:notice-detail", kwargs={"slug": self.slug})

    def content_languages(self):
        return languages_with_text(self, ["title", "text"])


class FreePage(Scheduled):
    """A page of its own, such as the Impressum, optionally linked from the footer."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of the address.")
    )
    title = models.CharField(_("title"), max_length=200, db_collation=GERMAN)
    body = models.TextField(_("text"))
    show_in_footer = models.BooleanField(_("show in footer"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)
    shows_feedback_form = models.BooleanField(
        _("accessibility feedback form"),
        default=False,
        help_text=_(
            "Shows the form for reporting barriers below the text, as the accessibility "
            "statement must."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScheduledQuerySet.as_manager()

    class Meta(Scheduled.Meta):
        verbose_name = _("free page")
        verbose_name_plural = _("free pages")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:free-page", kwargs={"slug": self.slug})

    def content_languages(self):
        return languages_with_text(self, ["title", "body"])


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

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email}: {Truncator(self.message).chars(60)}"


class SeedRecord(models.Model):
    """Which seed items were loaded, so a re-run never recreates what an editor deleted."""

    key = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

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

    class Meta:
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


class EasyReadPage(models.Model):
    """The site in Leichte Sprache (Easy Read in English), as BITV 2.0 asks: one record."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Leichte Sprache: short sentences, one statement per sentence, hard words "
            "explained. Markdown: “# ” for headings, “- ” for lists."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("Leichte Sprache page")
        verbose_name_plural = _("Leichte Sprache page")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:easy-read")

    def content_languages(self):
        return languages_with_text(self, ["title", "body"])


class SignLanguagePage(models.Model):
    """The introduction above the videos in German Sign Language (DGS): one record."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("sign language page")
        verbose_name_plural = _("sign language page")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:sign-language")

    def content_languages(self):
        return languages_with_text(self, ["title", "intro"])


class VideoFieldFile(FieldFile):
    def save(self, name, content, save=True):
        # The extension follows the content the validator found, never the uploaded name,
        # so the file is always served as the video it is.
        extension = video_extension(content) or Path(name).suffix
        super().save(f"{Path(name).stem[:80]}{extension}", content, save)


class VideoFileField(models.FileField):
    """A FileField whose stored name ends in .mp4 or .webm by what the file holds."""

    attr_class = VideoFieldFile


def sign_language_captions_path(instance, filename):
    return f"sign-language/{Path(filename).stem[:80]}.vtt"


class SignLanguageVideo(models.Model):
    """A self-hosted video in German Sign Language, with the transcript that makes it accessible."""

    title = models.CharField(_("title"), max_length=200)
    video = VideoFileField(
        _("video file"),
        upload_to="sign-language/",
        max_length=200,
        validators=[validate_video_upload],
        help_text=_("MP4 (H.264) or WebM."),
    )
    poster = models.ImageField(
        _("poster image"),
        upload_to="sign-language/posters/",
        max_length=200,
        blank=True,
        validators=[validate_photo_upload],
        help_text=_("Shown before the video starts. Optional."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=sign_language_captions_path,
        max_length=200,
        blank=True,
        validators=[validate_captions_upload],
        help_text=_("German subtitles as a WebVTT file (.vtt). Optional."),
    )
    transcript = models.TextField(
        _("transcript"),
        help_text=_(
            "Everything the video says, as text: for everyone who cannot watch it. Markdown."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    FILE_FIELDS = ("video", "poster", "captions")

    class Meta:
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        if previous is not None:
            # A replaced video is large and nothing links to it any more.
            replaced = [
                getattr(previous, name).name
                for name in self.FILE_FIELDS
                if getattr(previous, name).name != getattr(self, name).name
            ]
            transaction.on_commit(lambda: delete_unused_files(replaced))

    def get_absolute_url(self):
        return reverse("pages:sign-language") + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"video-{self.pk}"

    @property
    def mime_type(self):
        """The type for `<source type>`: the stored name's extension follows the content."""
        return VIDEO_TYPES.get(Path(self.video.name).suffix, "")

    @property
    def format_name(self):
        return {".mp4": "MP4", ".webm": "WebM"}.get(Path(self.video.name).suffix, "")


def delete_unused_files(names):
    """Remove files from storage unless another sign language video still uses them."""
    for name in names:
        in_use = Q(video=name) | Q(poster=name) | Q(captions=name)
        if name and not SignLanguageVideo.objects.filter(in_use).exists():
            default_storage.delete(name)


@receiver(post_delete, sender=SignLanguageVideo)
def delete_sign_language_video_files(sender, instance, **kwargs):
    """A deleted video takes its files along, after the commit (as photos do)."""
    names = [getattr(instance, name).name for name in instance.FILE_FIELDS]
    transaction.on_commit(lambda: delete_unused_files(names))
