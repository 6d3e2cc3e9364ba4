from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import po_exchange, translation_status
from .link_report import broken_links
from .models import OldAddress, TranslationState
from .page_content import language_name
from .text_diff import word_diff


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

    Viewing and exporting need `editorial.view_translationstate`; importing changes content
    and needs `editorial.change_translationstate`.
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
                name="editorial_translationstate_export",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="editorial_translationstate_import",
            ),
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="editorial_translationstate_changelist",
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
                    "german_changes": german_changes(status),
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
        return TemplateResponse(request, "admin/editorial/translation_overview.html", context)

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
            return HttpResponseRedirect(reverse("admin:editorial_translationstate_changelist"))
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
        return HttpResponseRedirect(reverse("admin:editorial_translationstate_changelist"))


def german_changes(status):
    """For each outdated field: how the German text changed since it was translated."""
    changes = []
    for field_name, earlier in translation_status.earlier_sources(status).items():
        changes.append(
            {
                "label": capfirst(status.obj._meta.get_field(field_name).verbose_name),
                "diff": None
                if earlier is None
                else word_diff(earlier, translation_status.source_text(status.obj, field_name)),
            }
        )
    return changes


def field_labels(obj, field_names):
    return [obj._meta.get_field(name).verbose_name for name in field_names]


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    """
    The old addresses that lead on to moved pages (made by every slug change, never by
    hand), and the report of links in the content that lead nowhere.
    """

    list_display = ["path", "current_address", "content_type", "created_at"]
    search_fields = ["path"]
    list_filter = ["content_type"]
    change_list_template = "admin/editorial/oldaddress/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("leads to"))
    def current_address(self, obj):
        target = obj.content_object
        if target is None:
            return "–"
        return format_html('<a href="{}">{}</a>', target.get_absolute_url(), target)

    def get_urls(self):
        return [
            path(
                "broken-links/",
                self.admin_site.admin_view(self.broken_links_view),
                name="editorial_broken_links",
            ),
            *super().get_urls(),
        ]

    def broken_links_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Broken links"),
            "links": broken_links(),
        }
        return TemplateResponse(request, "admin/editorial/broken_links.html", context)
