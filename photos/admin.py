from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from editorial.content_admin import EditorialAdmin, TranslatedContentAdmin

from .forms import NamedErrorsForm
from .models import Photo
from .usage import uses_of


def thumbnail(photo):
    if not photo or not photo.image:
        return "–"
    # The smallest rendition, so a list of photos does not load every original.
    picture = photo.picture
    return format_html(
        '<img src="{}" alt="" width="80">', picture["smallest_src"] if picture else photo.image.url
    )


class HttpsURLField(forms.URLField):
    """A link typed without a scheme means https, as it will from Django 6 on."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class PhotoAdminForm(NamedErrorsForm):
    class Meta:
        model = Photo
        fields = [
            "image",
            "alt_text",
            "caption",
            "credit_name",
            "credit_role",
            "licence",
            "source_url",
        ]
        # Not a declared field: the admin drops declared fields that are read-only (for
        # translators) and builds the model's own, which would warn about the scheme.
        field_classes = {"source_url": HttpsURLField}

    required_messages = {
        build_localized_fieldname("alt_text", DEFAULT_LANGUAGE): _(
            "A photo needs an alternative text that describes it for people who cannot see it."
        ),
        "credit_name": _(
            "A photo needs a credit: the name of the photographer, graphic artist or "
            "licence holder."
        ),
        "image": _("Please choose an image file."),
    }
    image_fields = ["image"]


@admin.register(Photo)
class PhotoAdmin(EditorialAdmin, TranslatedContentAdmin):
    form = PhotoAdminForm
    # The editorial confirmations (pages that link here), plus where the photo is shown.
    delete_confirmation_template = "admin/photos/photo/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/photos/photo/delete_selected_confirmation.html"
    list_display = ["preview", "__str__", "credit_name", "credit_role", "licence"]
    list_display_links = ["__str__"]
    search_fields = ["alt_text", "caption", "credit_name"]
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption"]}),
        (_("Credit"), {"fields": ["credit_name", "credit_role", "licence", "source_url"]}),
    ]

    readonly_fields = ["where_used"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Where the photo is used"), {"fields": ["where_used"]})]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)

    @admin.display(description=_("used in"))
    def where_used(self, photo):
        uses = uses_of([photo])
        if not uses:
            return gettext("Nowhere yet. (The picture credits list every photo.)")
        return format_html(
            '<ul class="photo-uses">{}</ul>',
            format_html_join("", "<li>{}</li>", ((use.as_html(),) for use in uses)),
        )

    def get_deleted_objects(self, objs, request):
        """
        A photo that content still shows is not deleted, alone or with others: the
        confirmation page names each use instead (templates/admin/photos/photo/), and
        Django deletes nothing while `protected` lists anything.
        """
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        uses = uses_of(list(objs))
        if uses:
            protected = [
                format_html(
                    gettext("“{photo}” is used here: {use}"), photo=use.photo, use=use.as_html()
                )
                for use in uses
            ]
        return deleted, model_count, perms_needed, protected
