from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from . import po_exchange, translation_status
from .editorial_admin import (
    EditorialAdmin,
    PublicationStateFilter,
    ScheduledAdmin,
    SortableContentAdmin,
)
from .models import (
    AccessibilityFeedback,
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    Photo,
    SignLanguagePage,
    SignLanguageVideo,
    TranslationState,
)
from .validators import ALLOWED_NAMES, INVALID_IMAGE
from .widgets import MarkdownTextarea

admin.site.site_header = _("MIA-DO-KI website")
admin.site.site_title = _("MIA-DO-KI website")
admin.site.index_title = _("Content")


def thumbnail(photo):
    if not photo or not photo.image:
        return "–"
    # The smallest rendition, so a list of photos does not load every original.
    picture = photo.picture
    return format_html(
        '<img src="{}" alt="" width="80">', picture["smallest_src"] if picture else photo.image.url
    )


def language_name(code):
    return get_language_info(code)["name_translated"]


class NeedsTranslationFilter(admin.SimpleListFilter):
    title = _("needs translation")
    parameter_name = "needs_translation"

    def lookups(self, request, model_admin):
        return [(code, language_name(code)) for code in translation_status.target_languages()]

    def queryset(self, request, queryset):
        if self.value() not in translation_status.target_languages():
            return queryset
        statuses = translation_status.statuses(queryset, [self.value()])
        return queryset.filter(pk__in=[pk for (pk, _lang), s in statuses.items() if s.needs_work])


class TranslatedContentAdmin(TabbedTranslationAdmin):
    """
    The tabbed DE/EN admin, plus each object's translation status and, for the fields
    named in `markdown_fields`, a Markdown toolbar with preview.
    """

    markdown_fields = ()
    actions = ["mark_translations_current"]

    class Media:
        css = {"all": ["css/markdown-editor.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        original = getattr(db_field, "translated_field", None)
        if original is not None and original.name in self.markdown_fields:
            kwargs["widget"] = MarkdownTextarea(language=db_field.language)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translation_status"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsTranslationFilter]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for the statuses of the whole page, not one per row.
        statuses = translation_status.statuses(changelist.result_list)
        for obj in changelist.result_list:
            obj.translation_statuses = [
                statuses[(obj.pk, code)] for code in translation_status.target_languages()
            ]
        return changelist

    @admin.display(description=_("translation"))
    def translation_status(self, obj):
        statuses = getattr(obj, "translation_statuses", None)
        if statuses is None:
            statuses = translation_status.statuses([obj]).values()
        return format_html_join(
            " ",
            '<span class="translation-status translation-status--{}">{}: {}</span>',
            ((s.code, s.language.upper(), s.label) for s in statuses),
        )

    @admin.action(description=_("Confirm translations as current"))
    def mark_translations_current(self, request, queryset):
        """For a German edit that needs no change to the translation, a typo fix say."""
        for obj in queryset:
            translation_status.mark_current(obj)
        self.message_user(
            request,
            ngettext(
                "The translations of %(count)d object are now marked as current.",
                "The translations of %(count)d objects are now marked as current.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )


class SingletonAdmin(EditorialAdmin, TranslatedContentAdmin):
    """For content that exists exactly once: no second record, no deleting the first."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        existing = self.model.objects.first()
        # Without permission, the list's own check answers 403 rather than a redirect.
        if existing is not None and self.has_view_or_change_permission(request, existing):
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[existing.pk])
            )
        return super().changelist_view(request, extra_context)


class NamedErrorsForm(forms.ModelForm):
    """
    Says what is missing, rather than Django's generic "field is required", and lets
    Django's own check of an image (is it one at all?) speak with the upload validator's
    words. A translated field is named by its German column, which is required.
    """

    required_messages = {}
    image_fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_name, message in self.required_messages.items():
            if field_name in self.fields:
                self.fields[field_name].error_messages["required"] = message
        for field_name in self.image_fields:
            if field_name in self.fields:
                self.fields[field_name].error_messages["invalid_image"] = INVALID_IMAGE % {
                    "formats": ALLOWED_NAMES
                }


class PhotoAdminForm(NamedErrorsForm):
    # A link typed without a scheme means https, as it will from Django 6 on. Declared
    # here, not by formfield_overrides: Meta.fields builds the field with the class.
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
    markdown_fields = ["text"]
    list_display = ["title", "date", "publication_state"]
    list_filter = [PublicationStateFilter]
    search_fields = ["title", "text"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": [build_localized_fieldname("title", DEFAULT_LANGUAGE)]}
    fields = ["title", "slug", "date", "text", "published", "publish_from", "publish_until"]


class FreePageAdminForm(forms.ModelForm):
    # The gaps that the seeded legal drafts leave for editors (pages/seed/legal/).
    GAPS = ("[Bitte ergänzen", "[Please add")

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


class ReportLanguageFilter(admin.SimpleListFilter):
    """The languages by name ("Englisch"), not by the codes the reports store."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, language_name(code)) for code, _name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    """
    Reports from the form "Report a barrier", as the visitor sent them: editors read and
    search them, and may delete them (data protection), but nobody adds or changes one.
    """

    list_display = ["created_at", "email", "name", "page", "message_start"]
    search_fields = ["name", "email", "message", "page"]
    list_filter = [ReportLanguageFilter]
    date_hierarchy = "created_at"
    fields = ["created_at", "name", "email", "page", "language_of_report", "message"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("language"))
    def language_of_report(self, feedback):
        return language_name(feedback.language) if feedback.language else "–"

    @admin.display(description=_("message"))
    def message_start(self, feedback):
        return Truncator(feedback.message).chars(80)


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


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("language"))
    file = forms.FileField(label=_("PO file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in translation_status.target_languages()
        ]


@admin.register(TranslationState)
class TranslationWorkAdmin(admin.ModelAdmin):
    """
    One page with all open translation work, the PO export and the PO import.

    Viewing and exporting need `pages.view_translationstate`; importing changes content
    and needs `pages.change_translationstate`.
    """

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "export/<str:language>/",
                self.admin_site.admin_view(self.export_view),
                name="pages_translationstate_export",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="pages_translationstate_import",
            ),
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="pages_translationstate_changelist",
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return self.render_overview(request, ImportForm())

    def render_overview(self, request, form, import_errors=()):
        work = translation_status.open_work()
        languages = []
        for code in translation_status.target_languages():
            rows = [
                {
                    "model": status.obj._meta.verbose_name,
                    "object": status.obj,
                    "url": translation_status.admin_url(status.obj),
                    "status": status,
                    "missing": field_labels(status.obj, status.missing),
                    "outdated": field_labels(status.obj, status.outdated),
                }
                for status in work
                if status.language == code
            ]
            languages.append({"code": code, "name": language_name(code), "rows": rows})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Translation work"),
            "languages": languages,
            "form": form,
            "import_errors": import_errors,
            "can_import": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/pages/translation_overview.html", context)

    def export_view(self, request, language):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if language not in translation_status.target_languages():
            raise PermissionDenied
        response = HttpResponse(
            str(po_exchange.export_po(language, request.build_absolute_uri("/").rstrip("/"))),
            content_type="text/x-gettext-translation; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="miado-content-{language}.po"'
        return response

    def import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:pages_translationstate_changelist"))
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_overview(request, form)
        upload = form.cleaned_data["file"]
        if upload.size > po_exchange.MAX_FILE_SIZE:
            return self.render_overview(request, form, [po_exchange.FILE_TOO_LARGE])
        result = po_exchange.import_po(upload.read(), form.cleaned_data["language"])
        if not result.ok:
            return self.render_overview(request, form, result.errors)
        self.message_user(
            request,
            # Two sentences, each with its own plural: "1 … Einträge wurden" is wrong German.
            ngettext(
                "Imported %(applied)d translation.",
                "Imported %(applied)d translations.",
                result.applied,
            )
            % {"applied": result.applied}
            + " "
            + ngettext(
                "%(skipped)d empty or fuzzy entry was skipped.",
                "%(skipped)d empty or fuzzy entries were skipped.",
                result.skipped,
            )
            % {"skipped": result.skipped},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:pages_translationstate_changelist"))


def field_labels(obj, field_names):
    return [obj._meta.get_field(name).verbose_name for name in field_names]
