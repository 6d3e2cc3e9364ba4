from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from . import renditions
from .fields import MetadataFreeImageField
from .validators import validate_photo_upload


class Photo(models.Model):
    """An image together with the credit its licence requires, so neither travels alone."""

    class CreditRole(models.TextChoices):
        PHOTOGRAPHER = "photographer", _("Photographer")
        GRAPHIC_ARTIST = "graphic_artist", _("Graphic artist")
        LICENCE_HOLDER = "licence_holder", _("Licence holder")

    image = MetadataFreeImageField(
        _("image"),
        upload_to="photos/",
        width_field="width",
        height_field="height",
        # On the model field, so every way in (admin, forms, imports) checks uploads.
        validators=[validate_photo_upload],
        # The formats and limits are added by the admin form, from the settings.
        help_text=_("The picture as a file; the website makes the smaller sizes itself."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describes the picture for people who cannot see it."),
    )
    caption = models.CharField(
        _("caption"), max_length=250, blank=True, help_text=_("Shown below the photo. Optional.")
    )
    credit_name = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("Name of the photographer, graphic artist or licence holder."),
    )
    credit_role = models.CharField(
        _("credit role"),
        max_length=20,
        choices=CreditRole,
        blank=True,
        help_text=_("What the person named in the credit did for this picture."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        help_text=_("The terms the picture may be used under, as the credits page lists them."),
    )
    source_url = models.URLField(
        _("source link"),
        blank=True,
        help_text=_("Where the picture comes from, if it was found on the web."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Made by photos.renditions when the image is saved, kept here so that a page
    # lists every size without a query or a look at storage.
    renditions = models.JSONField(default=dict, editable=False)

    # Its label before the apps were split, for archives and PO files written then.
    former_labels = ("pages.photo",)
    # Checked as descriptions of the picture, not as prose (content_checks).
    alt_text_fields = ("alt_text",)

    class Meta:
        db_table = "pages_photo"
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            # Stored first, without its metadata and under a new name, so that the
            # renditions and their hash come from the file the site keeps.
            self.image.save(self.image.name, self.image.file, save=False)
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        new_file = previous is None or previous.image.name != self.image.name
        if new_file and self.image and self.image._committed:
            self.copy_image_if_shared()
        replaced = previous is not None and (new_file or not self.image._committed)
        if self.image and (replaced or not self.renditions):
            # From the file as uploaded, before the one save: every save is a revision in
            # the history, and a second one for the renditions would be an empty one.
            self.renditions = renditions.make_renditions(self.image)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "renditions"}
        super().save(*args, **kwargs)
        if replaced:
            transaction.on_commit(previous.delete_renditions_unless_used)

    def copy_image_if_shared(self):
        """
        Given a file that another photo shows (in code, or by restoring an old version),
        take a copy: django-cleanup deletes a photo's file along with the photo, so no two
        photos may share one.
        """
        if Photo.objects.exclude(pk=self.pk).filter(image=self.image.name).exists():
            with self.image.storage.open(self.image.name) as original:
                self.image.save(PurePosixPath(self.image.name).name, File(original), save=False)

    def delete_renditions_unless_used(self):
        """
        Remove this photo's renditions from storage, unless a photo uses them (the same
        picture gives the same hash). Its original is django-cleanup's to delete.
        """
        digest = (self.renditions or {}).get("hash")
        if digest and not Photo.objects.filter(renditions__hash=digest).exists():
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
def delete_photo_renditions(sender, instance, **kwargs):
    """A deleted photo takes its renditions along, also out of a shared object store.

    A signal, so that the admin's bulk delete does it too; after the commit, so that
    a delete that is rolled back leaves a photo that still has its files."""
    transaction.on_commit(instance.delete_renditions_unless_used)
