from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from .models import AgencyProfile, FocusArea, FreePage, Notice, Photo

admin.site.site_header = _("MIA-DO-KI website")
admin.site.site_title = _("MIA-DO-KI website")
admin.site.index_title = _("Content")


def thumbnail(photo):
    if not photo or not photo.image:
        return "–"
    return format_html('<img src="{}" alt="" width="80">', photo.image.url)


class SingletonAdmin(TabbedTranslationAdmin):
    """For content that exists exactly once: no second record, no deleting the first."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        existing = self.model.objects.first()
        if existing is not None:
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[existing.pk])
            )
        return super().changelist_view(request, extra_context)


class PhotoAdminForm(forms.ModelForm):
    # A link typed without a scheme means https, as it will from Django 6 on.
    source_url = forms.URLField(
        label=Photo._meta.get_field("source_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name what is missing, rather than Django's generic "field is required".
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
        for field_name, message in required_messages.items():
            if field_name in self.fields:
                self.fields[field_name].error_messages["required"] = message


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    form = PhotoAdminForm
    list_display = ["preview", "__str__", "credit_name", "credit_role", "licence"]
    list_display_links = ["preview", "__str__"]
    search_fields = ["alt_text", "caption", "credit_name"]
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption"]}),
        (_("Credit"), {"fields": ["credit_name", "credit_role", "licence", "source_url"]}),
    ]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)


@admin.register(AgencyProfile)
class AgencyProfileAdmin(SingletonAdmin):
    autocomplete_fields = ["hero_photo"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "parent_organisation", "lead", "body"]}),
        (_("Photo"), {"fields": ["hero_photo"]}),
        (_("Contact"), {"fields": ["address", "phone", "email", "opening_hours"]}),
    ]


@admin.register(FocusArea)
class FocusAreaAdmin(TabbedTranslationAdmin):
    list_display = ["title", "order", "published"]
    list_editable = ["order", "published"]
    list_filter = ["published"]
    search_fields = ["title", "text"]


@admin.register(Notice)
class NoticeAdmin(TabbedTranslationAdmin):
    list_display = ["title", "date", "published"]
    list_filter = ["published"]
    search_fields = ["title", "text"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": [build_localized_fieldname("title", DEFAULT_LANGUAGE)]}
    fields = ["title", "slug", "date", "text", "published", "publish_from", "publish_until"]


@admin.register(FreePage)
class FreePageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "show_in_footer", "order", "published"]
    list_editable = ["show_in_footer", "order", "published"]
    list_filter = ["published", "show_in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": [build_localized_fieldname("title", DEFAULT_LANGUAGE)]}
    fields = [
        "title",
        "slug",
        "body",
        "show_in_footer",
        "order",
        "published",
        "publish_from",
        "publish_until",
    ]
