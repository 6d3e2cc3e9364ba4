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
from django.forms.boundfield import BoundField
from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
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


class TranslationSourceBoundField(BoundField):
    """
    A translation's field with its German source above it, in the language tab, which
    screen readers read after the field's name (aria-describedby), marked as German.
    """

    @property
    def source_id(self):
        return f"{self.auto_id}_source"

    @property
    def aria_describedby(self):
        # Beside the description the widget brings (a character counter, say), if any.
        own = self.field.widget.attrs.get("aria-describedby") or super().aria_describedby
        return " ".join(filter(None, [self.source_id, own]))

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        rendered = super().as_widget(widget, attrs, only_initial)
        if only_initial:
            return rendered
        source = getattr(self.field, "source_text", "") or ""
        return format_html(
            '<div class="translated-field"><div class="translation-source" id="{}">'
            '<span class="translation-source__label">{}</span> {}</div>{}</div>',
            self.source_id,
            gettext("German source:"),
            format_html('<span lang="{}">{}</span>', DEFAULT_LANGUAGE, source)
            if source
            else gettext("(no German text)"),
            rendered,
        )


class TranslatorAdmin:
    """
    Translators change only the languages other than German. Above each field they
    translate stands its German source; every field that is not translated is shown
    read-only, and a form that tries to change one anyway is refused as a whole.
    """

    def translator_fields(self):
        """The columns translators may edit: translated fields in the other languages."""
        return set(self.translation_sources())

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

    def translation_sources(self):
        """Each column translators edit, with the German column it is translated from."""
        return {
            build_localized_fieldname(name, language): build_localized_fieldname(
                name, DEFAULT_LANGUAGE
            )
            for name in translated_field_names(self.model)
            for language in AVAILABLE_LANGUAGES
            if language != DEFAULT_LANGUAGE
        }

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not is_translator(request.user):
            return fieldsets
        # The German text stands above each field it is translated into (the form's
        # TranslationSourceBoundField), not a second time in a row of its own.
        german = set(self.translation_sources().values())

        def without_german(fields):
            return [
                without_german(field) if isinstance(field, list | tuple) else field
                for field in fields
                if field not in german
            ]

        return [
            (name, {**options, "fields": without_german(options["fields"])})
            for name, options in fieldsets
        ]

    def get_prepopulated_fields(self, request, obj=None):
        if is_translator(request.user):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if (
            is_translator(request.user)
            and obj is not None
            and response.context_data.get("has_absolute_url")
        ):
            # "Auf der Website anzeigen" leads to the page in the language being translated.
            with translation.override(translation_status.target_languages()[0]):
                response.context_data["absolute_url"] = obj.get_absolute_url()
        return response

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

        sources = self.translation_sources()

        class TranslatorForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, original in sources.items():
                    if name in self.fields:
                        field = self.fields[name]
                        field.bound_field_class = TranslationSourceBoundField
                        field.source_text = getattr(self.instance, original, "")

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


class ListEditingLabels:
    """
    The boxes of a list's editable columns carry a name of their own, made of the column
    and the row ("Veröffentlicht: Neue Sprechzeiten"): Django renders them without one.
    """

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)

        class LabelledChangeListForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                row = Truncator(str(self.instance)).chars(80)
                for field in self.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs["aria-label"] = f"{field.label}: {row}"

        return LabelledChangeListForm


class EditorialAdmin(ListEditingLabels, ConcurrentEditAdmin, TranslatorAdmin, RevisionHistoryAdmin):
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

    Dragging needs a mouse, so each row also has "move up" and "move down" buttons: plain
    submit buttons of the list's form, for keyboards and screen readers. After a move the
    focus is back on the button pressed (or, at either end, on the other one), which is
    described by the status message "„…“ steht jetzt an Position 2 von 3."
    """

    MOVE = "_move"

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if is_translator(request.user):
            # No drag handles for those who may not reorder.
            return [name for name in list_display if name != "_reorder_"]
        if not self.has_change_permission(request):
            return list_display
        position = list_display.index("_reorder_") + 1 if "_reorder_" in list_display else 0
        return [*list_display[:position], "move_buttons", *list_display[position:]]

    def get_list_display_links(self, request, list_display):
        # The package links the first column after the drag handle: not the move buttons.
        links = [
            name
            for name in super().get_list_display_links(request, list_display)
            if name != "move_buttons"
        ]
        return (
            links
            or [name for name in list_display if name not in ("_reorder_", "move_buttons")][:1]
        )

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

    def ordered(self, queryset):
        return queryset.order_by(f"{self.default_order_direction}{self.default_order_field}", "pk")

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and self.MOVE in request.POST:
            command = request.POST[self.MOVE]
            if self.has_unsaved_list_edits(request):
                # The list's form carries the boxes ticked in it: saved first, as "Sichern"
                # would, so a move loses nothing. Invalid edits are shown, nothing moves.
                request.POST = request.POST.copy()
                del request.POST[self.MOVE]
                request.POST["_save"] = "1"
                response = super().changelist_view(request, extra_context)
                if response.status_code != 302:
                    return response
            return self.move_view(request, command)
        return super().changelist_view(request, extra_context)

    def has_unsaved_list_edits(self, request):
        if not self.list_editable or is_translator(request.user):
            return False
        FormSet = self.get_changelist_formset(request)
        prefix = FormSet.get_default_prefix()
        if f"{prefix}-TOTAL_FORMS" not in request.POST:
            return False
        queryset = self._get_list_editable_queryset(request, prefix)
        formset = FormSet(request.POST, request.FILES, queryset=queryset)
        return formset.management_form.is_valid() and formset.has_changed()

    def move_view(self, request, command):
        """Moves one item a place up or down ("<pk>:up"); every item keeps a place of its own."""
        if not self.has_change_permission(request) or is_translator(request.user):
            return HttpResponseForbidden()
        pk, _, direction = command.rpartition(":")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest()
        field = self.default_order_field
        with transaction.atomic():
            items = list(self.ordered(self.model._default_manager.select_for_update()))
            index = next((i for i, item in enumerate(items) if str(item.pk) == pk), None)
            if index is None:
                return HttpResponseBadRequest()
            moved = items.pop(index)
            new_index = max(0, index - 1) if direction == "up" else min(len(items), index + 1)
            items.insert(new_index, moved)
            # Numbered afresh, so items that shared a number (new ones: 0) get places too.
            numbers = range(1, len(items) + 1)
            if self.default_order_direction == "-":
                numbers = reversed(numbers)
            for item, number in zip(items, numbers, strict=True):
                if getattr(item, field) != number:
                    setattr(item, field, number)
                    item.save(update_fields=[field])
        name = Truncator(str(moved)).chars(80)
        self.message_user(
            request,
            gettext("“%(item)s” is now at position %(position)d of %(count)d.")
            % {"item": name, "position": new_index + 1, "count": len(items)},
            messages.SUCCESS,
            extra_tags="reorder-status",
        )
        # Focus returns to the button just pressed, or at either end to the other one.
        request.session[self.moved_session_key()] = [str(moved.pk), direction]
        return HttpResponseRedirect(request.get_full_path())

    def moved_session_key(self):
        return f"moved-{self.opts.label_lower}"

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        moved_pk, direction = request.session.pop(self.moved_session_key(), [None, None])
        pks = list(self.ordered(self.model._default_manager.all()).values_list("pk", flat=True))
        places = {pk: index for index, pk in enumerate(pks)}
        for obj in changelist.result_list:
            place = places.get(obj.pk, 0)
            obj.move_state = {
                "first": place == 0,
                "last": place == len(pks) - 1,
                "focus": direction if str(obj.pk) == moved_pk else None,
            }
        return changelist

    @admin.display(description=_("move"))
    def move_buttons(self, obj):
        state = getattr(obj, "move_state", {"first": False, "last": False, "focus": None})
        name = Truncator(str(obj)).chars(80)
        focus = state["focus"]
        if focus == "up" and state["first"]:
            focus = "down"
        elif focus == "down" and state["last"]:
            focus = "up"
        buttons = []
        for direction, arrow, label, at_end in (
            ("up", "↑", gettext("Move “%(item)s” up"), state["first"]),
            ("down", "↓", gettext("Move “%(item)s” down"), state["last"]),
        ):
            if at_end:
                buttons.append(mark_safe('<span class="move-placeholder"></span>'))
                continue
            extra = (
                mark_safe(' autofocus aria-describedby="reorder-status"')
                if focus == direction
                else ""
            )
            buttons.append(
                format_html(
                    '<button type="submit" class="button" name="{}" value="{}:{}"{}>'
                    '<span aria-hidden="true">{}</span>'
                    '<span class="visually-hidden">{}</span></button>',
                    self.MOVE,
                    obj.pk,
                    direction,
                    extra,
                    arrow,
                    label % {"item": name},
                )
            )
        return format_html(
            '<span class="move-buttons">{}</span>',
            format_html_join("", "{}", ((button,) for button in buttons)),
        )


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
