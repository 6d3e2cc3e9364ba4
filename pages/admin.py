from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from editorial.content_admin import (
    EditorialAdmin,
    PublicationStateFilter,
    ScheduledAdmin,
    SingletonAdmin,
    SortableContentAdmin,
    TranslatedContentAdmin,
)
from editorial.slugs import GermanSlugField
from photos.forms import NamedErrorsForm

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)


@admin.register(AgencyProfile)
class AgencyProfileAdmin(SingletonAdmin):
    markdown_fields = ["lead", "body"]
    # A website typed without a scheme means https, as it will from Django 6 on.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["hero_photo"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "parent_organisation", "lead", "body"]}),
        (_("Photo"), {"fields": ["hero_photo"]}),
        (_("Contact"), {"fields": ["address", "phone", "email", "opening_hours"]}),
        (
            _("Accessibility"),
            {"fields": ["accessibility_enforcement_name", "accessibility_enforcement_url"]},
        ),
    ]


@admin.register(FocusArea)
class FocusAreaAdmin(SortableContentAdmin, EditorialAdmin, TranslatedContentAdmin):
    markdown_fields = ["text"]
    # The order column becomes the drag handle.
    list_display = ["order", "title", "published"]
    list_editable = ["published"]
    list_filter = ["published"]
    search_fields = ["title", "text"]


@admin.register(Notice)
class NoticeAdmin(ScheduledAdmin, EditorialAdmin, TranslatedContentAdmin):
    formfield_overrides = {models.SlugField: {"form_class": GermanSlugField}}
    markdown_fields = ["text"]
    list_display = ["title", "date", "publication_state"]
    list_filter = [PublicationStateFilter]
    search_fields = ["title", "text"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": [build_localized_fieldname("title", DEFAULT_LANGUAGE)]}
    fields = ["title", "slug", "date", "text", "published", "publish_from", "publish_until"]


class FreePageAdminForm(forms.ModelForm):
    GAPS = FreePage.GAPS

    def clean(self):
        cleaned_data = super().clean()
        # Published with its gaps open, an Impressum tells citizens "Entwurf, noch nicht
        # veröffentlicht" and nothing they need. (The list's "published" column, too.)
        if "published" in self.fields and cleaned_data.get("published"):
            texts = [
                cleaned_data.get(name, getattr(self.instance, name, "")) or ""
                for name in (
                    build_localized_fieldname("body", code) for code, _name in settings.LANGUAGES
                )
            ]
            if any(gap in text for text in texts for gap in self.GAPS):
                self.add_error(
                    "published",
                    _(
                        "This page still has gaps to fill in, marked “[Bitte ergänzen: …]” "
                        "(in English “[Please add: …]”). Please fill them in and delete the "
                        "notes before you publish the page."
                    ),
                )
        return cleaned_data


@admin.register(FreePage)
class FreePageAdmin(ScheduledAdmin, EditorialAdmin, TranslatedContentAdmin):
    formfield_overrides = {models.SlugField: {"form_class": GermanSlugField}}
    form = FreePageAdminForm
    markdown_fields = ["body"]
    list_display = ["title", "slug", "show_in_footer", "order", "published", "publication_state"]
    list_editable = ["show_in_footer", "order", "published"]
    list_filter = [PublicationStateFilter, "show_in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": [build_localized_fieldname("title", DEFAULT_LANGUAGE)]}
    fields = [
        "title",
        "slug",
        "body",
        "shows_feedback_form",
        "show_in_footer",
        "order",
        "published",
        "publish_from",
        "publish_until",
    ]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=FreePageAdminForm, **kwargs)


@admin.register(EasyReadPage)
class EasyReadPageAdmin(SingletonAdmin):
    markdown_fields = ["body"]
    fields = ["title", "body"]


@admin.register(SignLanguagePage)
class SignLanguagePageAdmin(SingletonAdmin):
    markdown_fields = ["intro"]
    fields = ["title", "intro"]


class SignLanguageVideoAdminForm(NamedErrorsForm):
    class Meta:
        model = SignLanguageVideo
        fields = ["title", "video", "poster", "captions", "transcript", "published"]

    required_messages = {
        build_localized_fieldname("transcript", DEFAULT_LANGUAGE): _(
            "A video needs a transcript: everything it says, as text, for everyone who "
            "cannot watch it."
        ),
        "video": _("Please choose a video file (MP4 or WebM)."),
    }
    image_fields = ["poster"]


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(SortableContentAdmin, EditorialAdmin, TranslatedContentAdmin):
    form = SignLanguageVideoAdminForm
    markdown_fields = ["transcript"]
    # The order column becomes the drag handle.
    list_display = ["order", "title", "published"]
    list_editable = ["published"]
    list_filter = ["published"]
    search_fields = ["title", "transcript"]
    fieldsets = [
        (None, {"fields": ["title", "video", "poster", "captions", "published"]}),
        (_("Transcript"), {"fields": ["transcript"]}),
    ]
