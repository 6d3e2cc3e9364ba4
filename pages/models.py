from pathlib import Path

from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.collation import GERMAN
from editorial.models import PublishedQuerySet, Scheduled, ScheduledQuerySet, Singleton
from editorial.page_content import languages_with_text
from photos.validators import (
    VIDEO_TYPES,
    validate_captions_upload,
    validate_photo_upload,
    validate_video_upload,
    video_extension,
)


class AgencyProfile(Singleton):
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
        "photos.Photo",
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
        return reverse("home")

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
        # The newest notices (home, list, feed) without sorting every notice: SQLite reads
        # this index in the order above (its NULLs sort last when descending).
        indexes = [models.Index(fields=["-date", "-created_at", "-id"], name="notice_newest_first")]

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


class EasyReadPage(Singleton):
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


class SignLanguagePage(Singleton):
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

    class Meta:
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

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
