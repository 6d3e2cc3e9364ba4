"""
What every content admin shares beyond the tabbed language fields: the revision history
with per-language diffs and restore, the translators' limits, publication states, and
drag-and-drop ordering that still announces every change.
"""

from adminsortable2.admin import SortableAdminMixin
from django.contrib import admin, messages
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseForbidden, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .models import Scheduled
from .roles import is_translator

# Kept by Django on every save, so a difference says nothing an editor did.
UNTRACKED_FIELDS = {"updated_at", "created_at"}


def translated_field_names(model):
    """The original names of the model's translated fields ("title", not "title_de")."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def field_label(field):
    """ "Titel [en]" for a language column, the plain verbose name for any other field."""
    if isinstance(field, TranslationField):
        return f"{capfirst(field.translated_field.verbose_name)} [{field.language}]"
    return capfirst(field.verbose_name)


def display_value(field, value):
    if value in (None, ""):
        return "–"
    if isinstance(field, models.FileField):
        return str(value)
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else "–"
    return Truncator(str(display_for_field(value, field, "–"))).chars(160)


def describe_changes(record, previous):
    """Per field and language: label, old and new value, between two history records."""
    if previous is None:
        return []
    model = record.instance_type
    # Derived fields (dimensions, renditions) follow from what the editor changed.
    derived = {field.name for field in model._meta.fields if not field.editable}
    skip = UNTRACKED_FIELDS | derived | translated_field_names(model)
    delta = record.diff_against(previous, excluded_fields=skip)
    changes = []
    for change in delta.changes:
        # NULL (made in code or by the seed) and "" (saved by a form) both mean empty.
        if change.old in (None, "") and change.new in (None, ""):
            continue
        field = model._meta.get_field(change.field)
        changes.append(
            {
                "label": field_label(field),
                "old": display_value(field, change.old),
                "new": display_value(field, change.new),
            }
        )
    return changes


class RevisionHistoryAdmin:
    """
    Replaces the admin's history page with the revision history: who changed which field
    in which language and when, and a restore button that saves an older revision anew.
    """

    object_history_template = "admin/revision_history.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{opts.app_label}_{opts.model_name}_restore",
            ),
            *super().get_urls(),
        ]

    def may_restore(self, request, obj):
        return self.has_change_permission(request, obj) and not is_translator(request.user)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.select_related("history_user"))
        revisions = [
            {"record": record, "changes": describe_changes(record, previous)}
            for record, previous in zip(records, [*records[1:], None], strict=True)
        ]
        # A save that changed nothing an editor sees (a photo storing its renditions).
        revisions = [
            revision
            for revision in revisions
            if revision["changes"]
            or revision["record"].history_type != "~"
            or revision["record"].history_change_reason
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "revisions": revisions,
            "may_restore": self.may_restore(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def restore_view(self, request, object_id, history_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.may_restore(request, obj):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = get_object_or_404(obj.history, history_id=history_id)
        restored = record.instance
        # An update of the existing row: creation dates stay as they were.
        restored._state.adding = False
        kept_file = False
        for field in obj._meta.fields:
            # A file removed since (replaced photos lose their old files) stays as it is now.
            if isinstance(field, models.FileField):
                old_file = getattr(restored, field.attname)
                if old_file and not field.storage.exists(old_file.name):
                    setattr(restored, field.attname, getattr(obj, field.attname))
                    kept_file = True
        if kept_file:
            # ...and so do the fields derived from it (dimensions, renditions).
            for field in obj._meta.fields:
                if not field.editable and not field.primary_key:
                    setattr(restored, field.attname, getattr(obj, field.attname))
        when = date_format(localtime(record.history_date), "SHORT_DATETIME_FORMAT")
        restored._change_reason = gettext("Restored the version of %(date)s") % {"date": when}
        with transaction.atomic():
            restored.save()
            self.log_change(request, restored, restored._change_reason)
        self.message_user(
            request,
            gettext("The version of %(date)s has been restored.") % {"date": when},
            messages.SUCCESS,
        )
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )


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


class EditorialAdmin(TranslatorAdmin, RevisionHistoryAdmin):
    """Put before the tabbed translation admin in every content admin's bases."""


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Scheduled.PublicationState.choices

    def queryset(self, request, queryset):
        by_state = {
            Scheduled.PublicationState.DRAFT: queryset.drafts,
            Scheduled.PublicationState.SCHEDULED: queryset.scheduled,
            Scheduled.PublicationState.LIVE: queryset.published,
            Scheduled.PublicationState.EXPIRED: queryset.expired,
        }
        if self.value() in by_state:
            return by_state[self.value()]()
        return queryset


class ScheduledAdmin:
    """Shows at a glance whether the public sees a notice or page now, later or no more."""

    @admin.display(description=_("publication state"))
    def publication_state(self, obj):
        state = obj.publication_state
        label = state.label
        if state == Scheduled.PublicationState.SCHEDULED:
            label = gettext("Scheduled from %(date)s") % {
                "date": date_format(localtime(obj.publish_from), "SHORT_DATETIME_FORMAT")
            }
        elif state == Scheduled.PublicationState.EXPIRED:
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
