"""
What every content admin shares beyond the tabbed language fields: translation status,
the translators' limits, publication states, singletons, and drag-and-drop ordering that
still announces every change. The revision history is in editorial/history.py.
"""

import functools

from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from . import translation_status
from .concurrency import ConcurrentEditAdmin
from .history import RevisionHistoryAdmin, field_label, translated_field_names
from .link_report import links_to
from .links import validate_links
from .models import PublicationState
from .page_content import language_name
from .roles import is_translator
from .widgets import MarkdownTextarea, state_character_limit


class TranslatorAdmin:
    """
    Translators change only the languages other than German. German fields and every
    field that is not translated are shown read-only beside the language tabs, and a form
    that tries to change them anyway is refused as a whole.
    """

    def translator_fields(self):
        """The columns translators may edit: translated fields in the other languages."""
        return {
            build_localized_fieldname(name, language)
            for name in translated_field_names(self.model)
            for language in AVAILABLE_LANGUAGES
            if language != DEFAULT_LANGUAGE
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_translator(request.user):
            return readonly
        editable = self.translator_fields()
        originals = translated_field_names(self.model)
        readonly += [
            field.name
            for field in self.model._meta.get_fields()
            if field.concrete
            and field.editable
            and not field.auto_created
            and field.name not in editable
            and field.name not in originals
            and field.name not in readonly
        ]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if is_translator(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not is_translator(request.user):
            return form
        model_fields = {field.name: field for field in self.model._meta.fields}
        locked = {
            name: field_label(model_fields[name])
            for name in self.get_readonly_fields(request, obj)
            if name in model_fields and name not in self.translator_fields()
        }

        class TranslatorForm(form):
            def clean(self):
                cleaned_data = super().clean()
                # The admin never sends read-only fields: such a value is forged.
                sent = {
                    key.rsplit("_", 1)[0] if key[-2:] in ("_0", "_1") else key
                    for key in [*self.data, *self.files]
                }
                forged = [label for name, label in locked.items() if name in sent]
                if forged:
                    raise ValidationError(
                        gettext(
                            "As a translator you may only change translations. Nothing has "
                            "been saved, because the form also contained: %(fields)s."
                        )
                        % {"fields": ", ".join(str(label) for label in forged)},
                        code="translator-forbidden-field",
                    )
                return cleaned_data

        return TranslatorForm

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if is_translator(request.user):
            # Order, publication and footer flags edited in the list are not translations.
            changelist.list_editable = ()
        return changelist


class EditorialAdmin(ConcurrentEditAdmin, TranslatorAdmin, RevisionHistoryAdmin):
    """Put before the tabbed translation admin in every content admin's bases."""


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        by_state = {
            PublicationState.DRAFT: queryset.drafts,
            PublicationState.SCHEDULED: queryset.scheduled,
            PublicationState.LIVE: queryset.published,
            PublicationState.EXPIRED: queryset.expired,
        }
        if self.value() in by_state:
            return by_state[self.value()]()
        return queryset


class ScheduledAdmin:
    """Shows at a glance whether the public sees a notice or page now, later or no more."""

    def get_queryset(self, request):
        return super().get_queryset(request).with_publication_state()

    @admin.display(description=_("publication state"), ordering="publication_state")
    def publication_state(self, obj):
        state = PublicationState(obj.publication_state)
        label = state.label
        if state == PublicationState.SCHEDULED:
            label = gettext("Scheduled from %(date)s") % {
                "date": date_format(localtime(obj.publish_from), "SHORT_DATETIME_FORMAT")
            }
        elif state == PublicationState.EXPIRED:
            label = gettext("Expired on %(date)s") % {
                "date": date_format(localtime(obj.publish_until), "SHORT_DATETIME_FORMAT")
            }
        return format_html('<span class="publication-state--{}">{}</span>', state.value, label)


class SortableContentAdmin(SortableAdminMixin):
    """
    Drag-and-drop ordering whose every move is a real save: the page cache and the
    revision history hear of it through post_save, which the package's bulk update skips.
    """

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if is_translator(request.user):
            # No drag handles for those who may not reorder.
            return [name for name in list_display if name != "_reorder_"]
        return list_display

    def get_exclude(self, request, obj=None):
        # Dragging in the list sets the order, and a new item goes last. The package hides
        # the field in get_fields(), which modeltranslation's fieldsets do not consult.
        return [*(super().get_exclude(request, obj) or []), self.default_order_field]

    def update_order(self, request):
        # Permission before method: whoever may not reorder learns nothing more than that.
        if not self.has_change_permission(request) or is_translator(request.user):
            return HttpResponseForbidden()
        return super().update_order(request)

    def _update_order(self, updated_items, extra_model_filters):
        queryset = self.model.objects.filter(**extra_model_filters)
        field = self.default_order_field
        with transaction.atomic():
            for pk, order in updated_items:
                obj = queryset.get(pk=pk)
                setattr(obj, field, order)
                obj.save(update_fields=[field])
        return len(updated_items)


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
    # Both name the pages that link to what is about to be deleted.
    delete_confirmation_template = "admin/editorial/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/editorial/delete_selected_confirmation.html"

    class Media:
        css = {"all": ["css/markdown-editor.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        original = getattr(db_field, "translated_field", None)
        is_markdown = original is not None and original.name in self.markdown_fields
        if is_markdown:
            kwargs["widget"] = MarkdownTextarea(language=db_field.language)
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        if is_markdown:
            # On the form, not the model: the error shows on this language's field.
            formfield.validators.append(validate_links)
        return state_character_limit(formfield)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translation_status"]

    def render_delete_form(self, request, context):
        context["incoming_links"] = links_to([context["object"]])
        return super().render_delete_form(request, context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            action, name, description = actions["delete_selected"]
            actions["delete_selected"] = (warn_of_incoming_links(action), name, description)
        return actions

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


def warn_of_incoming_links(delete_selected):
    """Django's bulk delete, whose confirmation page also names the pages linking there."""

    @functools.wraps(delete_selected)
    def action(modeladmin, request, queryset):
        response = delete_selected(modeladmin, request, queryset)
        # The confirmation page (not yet rendered); after confirming, a redirect.
        if isinstance(response, TemplateResponse):
            response.context_data["incoming_links"] = links_to(list(queryset))
        return response

    return action


class SingletonAdmin(EditorialAdmin, TranslatedContentAdmin):
    """For content that exists exactly once: no second record, no deleting the first."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        existing = self.model.one()
        # Without permission, the list's own check answers 403 rather than a redirect.
        if existing is not None and self.has_view_or_change_permission(request, existing):
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[existing.pk])
            )
        return super().changelist_view(request, extra_context)
