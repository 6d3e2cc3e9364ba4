from django.conf import settings
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from editorial.page_content import language_name

from .models import AccessibilityFeedback


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

    def get_queryset(self, request):
        # A report past its retention period is gone for editors even before it is deleted.
        return super().get_queryset(request).kept()

    def changelist_view(self, request, extra_context=None):
        AccessibilityFeedback.objects.purge_expired()
        return super().changelist_view(request, extra_context)

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
