from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from editorial.collation import GERMAN
from editorial.models import PublishedQuerySet, Scheduled, ScheduledQuerySet, Singleton
from editorial.page_content import languages_with_text
from photos.fields import MetadataFreeImageField, MetadataFreeVideoField
from photos.metadata import unguessable_name
from photos.validators import (
    VIDEO_TYPES,
    validate_captions_upload,
    validate_photo_upload,
    validate_video_upload,
)

# The short guide under every Markdown field.
MARKDOWN_HELP = _(
    "Markdown: blank line between paragraphs, “- ” for lists, [text](https://…) for links, "
    "*emphasis*."
)
SLUG_HELP = _(
    "The last part of the address: small letters, digits and hyphens; filled in from the "
    "German title (ä becomes ae, ß becomes ss)."
)
PUBLISHED_HELP = _("Untick to take it off the website without deleting it.")


class AgencyProfile(Singleton):
    """The agency itself: one record, shown on the home page, in the header and footer."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The agency's full name, in the header, the footer and on the home page."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=50,
        blank=True,
        help_text=_("An abbreviation, shown in the header and in every page's title."),
    )
    lead = models.TextField(_("lead"), help_text=_("The first paragraph on the home page."))
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=MARKDOWN_HELP,
    )
    hero_photo = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("hero photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The large photo on the home page; its credit comes with it."),
    )
    parent_organisation = models.CharField(
        _("parent organisation"),
        max_length=200,
        blank=True,
        help_text=_("The organisation the agency belongs to, shown above its name."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("In the footer, line by line as typed.")
    )
    phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_("In the footer, for enquiries.")
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("In the footer, as a link for enquiries.")
    )
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("In the footer, line by line as typed.")
    )
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
    accessibility_enforcement_url = models.URLField(
        _("enforcement body's website"),
        blank=True,
        help_text=_("The enforcement body's address on the web; its name becomes the link."),
    )
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

    title = models.CharField(
        _("title"),
        max_length=200,
        db_collation=GERMAN,
        help_text=_("The heading of the focus area."),
    )
    text = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    published = models.BooleanField(_("published"), default=True, help_text=PUBLISHED_HELP)
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

    title = models.CharField(
        _("title"),
        max_length=200,
        db_collation=GERMAN,
        help_text=_("The heading of the notice, also in the list of notices and the feed."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    text = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Shown with the notice, newest first. Empty: sorted by when it was written."),
    )
    published = models.BooleanField(_("published"), default=True, help_text=PUBLISHED_HELP)
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

    # The gaps that the seeded legal drafts leave for editors (pages/seed/legal/).
    GAPS = ("[Bitte ergänzen", "[Please add")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(
        _("title"), max_length=200, db_collation=GERMAN, help_text=_("The heading of the page.")
    )
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    show_in_footer = models.BooleanField(
        _("show in footer"), default=False, help_text=_("Links the page in every page's footer.")
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Place in the footer: smaller numbers come first.")
    )
    published = models.BooleanField(_("published"), default=True, help_text=PUBLISHED_HELP)
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

    def has_open_gaps(self):
        """Whether a text in any language still has a gap of the seeded drafts."""
        texts = [
            getattr(self, build_localized_fieldname("body", code)) or ""
            for code, _name in settings.LANGUAGES
        ]
        return any(gap in text for text in texts for gap in self.GAPS)

    def content_languages(self):
        return languages_with_text(self, ["title", "body"])


class EasyReadPage(Singleton):
    """The site in Leichte Sprache (Easy Read in English), as BITV 2.0 asks: one record."""

    # The content checks apply the stricter rules of Leichte Sprache (content_checks).
    easy_read = True

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The heading of the page in Leichte Sprache.")
    )
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

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The heading of the sign language page.")
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=format_lazy("{} {}", _("Shown above the videos."), MARKDOWN_HELP),
    )
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


class VideoFileField(MetadataFreeVideoField):
    """Stored under a random name ending in .mp4 or .webm by what the file holds, without
    the location and camera boxes of phone videos (the name is kept: migrations use it)."""


def sign_language_captions_path(instance, filename):
    return f"sign-language/{unguessable_name('.vtt')}"


class SignLanguageVideo(models.Model):
    """A self-hosted video in German Sign Language, with the transcript that makes it accessible."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The heading above the video.")
    )
    video = VideoFileField(
        _("video file"),
        upload_to="sign-language/",
        max_length=200,
        validators=[validate_video_upload],
        # The formats and limits are added by the admin form, from the settings.
        help_text=_("The video in German Sign Language."),
    )
    poster = MetadataFreeImageField(
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
        help_text=_("German subtitles. Optional."),
    )
    transcript = models.TextField(
        _("transcript"),
        help_text=_(
            "Everything the video says, as text: for everyone who cannot watch it. Markdown."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    published = models.BooleanField(_("published"), default=True, help_text=PUBLISHED_HELP)
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
