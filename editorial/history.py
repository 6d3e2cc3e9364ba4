"""
The revision history in the admin: who changed which field in which language and when,
with a restore button. django-simple-history records the rows on every save.
"""

from django.contrib import messages
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator

from .roles import is_translator
from .text_diff import word_diff

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


def is_text(field):
    """Text an editor writes, compared word by word rather than as a whole value."""
    return isinstance(field, models.CharField | models.TextField) and not field.choices


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
    return str(display_for_field(value, field, "–"))


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
                "field": change.field,
                "label": field_label(field),
                "old": display_value(field, change.old),
                "new": display_value(field, change.new),
                # The whole text, not an excerpt: a change at the end must show too.
                "diff": word_diff(change.old, change.new) if is_text(field) else None,
            }
        )
    return changes


def version_fields(record):
    """Every field an editor sees, with its value in one revision: a version to read in full."""
    model = record.instance_type
    skip = UNTRACKED_FIELDS | translated_field_names(model)
    rows = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or field.name in skip:
            continue
        value = getattr(record, field.attname)
        rows.append(
            {
                "label": field_label(field),
                "value": display_value(field, value),
                "text": is_text(field),
            }
        )
    return rows


def missing_files(obj, version):
    """The file fields whose file in `version` no longer exists: restoring keeps today's."""
    return [
        field
        for field in obj._meta.concrete_fields
        if isinstance(field, models.FileField)
        and getattr(version, field.attname)
        and getattr(version, field.attname).name != getattr(obj, field.attname).name
        and not field.storage.exists(getattr(version, field.attname).name)
    ]


def record_date(record):
    return date_format(localtime(record.history_date), "SHORT_DATETIME_FORMAT")


class RevisionHistoryAdmin:
    """
    Replaces the admin's history page with the revision history: who changed which field
    in which language and when, the comparison of any two versions, each version to read
    in full, and a restore that asks first and then saves the older version anew.
    """

    object_history_template = "admin/revision_history.html"

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{prefix}_history_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/",
                self.admin_site.admin_view(self.version_view),
                name=f"{prefix}_revision",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def may_restore(self, request, obj):
        return self.has_change_permission(request, obj) and not is_translator(request.user)

    def history_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_context(self, request, obj, title, **context):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "may_restore": self.may_restore(request, obj),
            **context,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.select_related("history_user"))
        revisions = []
        for record, previous in zip(records, [*records[1:], None], strict=True):
            changes = describe_changes(record, previous)
            # A save that changed nothing an editor wrote is no revision worth a row.
            if record.history_type == "~" and not changes:
                continue
            revisions.append({"record": record, "changes": changes})
        context = self.history_context(
            request,
            obj,
            gettext("History: %(object)s") % {"object": obj},
            revisions=revisions,
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self.history_object(request, object_id)
        ids = []
        for key in ("from", "to"):
            value = request.GET.get(key, "")
            ids.append(int(value) if value.isdigit() else None)
        records = {
            record.history_id: record
            for record in obj.history.filter(history_id__in=[i for i in ids if i]).select_related(
                "history_user"
            )
        }
        if len(records) != 2:
            self.message_user(
                request, gettext("Please choose two different versions to compare."), messages.ERROR
            )
            return HttpResponseRedirect(self.history_url(obj))
        older, newer = sorted(records.values(), key=lambda r: (r.history_date, r.history_id))
        context = self.history_context(
            request,
            obj,
            gettext("Compare versions: %(object)s") % {"object": obj},
            older=older,
            newer=newer,
            changes=describe_changes(newer, older),
        )
        return TemplateResponse(request, "admin/editorial/revision_compare.html", context)

    def version_view(self, request, object_id, history_id, confirm=False):
        obj = self.history_object(request, object_id)
        record = get_object_or_404(
            obj.history.select_related("history_user"), history_id=history_id
        )
        current = obj.history.order_by("-history_id").first()
        context = self.history_context(
            request,
            obj,
            gettext("Version of %(date)s: %(object)s")
            % {"date": record_date(record), "object": obj},
            record=record,
            is_current=record.history_id == current.history_id,
            fields=version_fields(record),
            # What restoring would change, from today's state to this version.
            changes=describe_changes(record, current),
            missing_files=[field_label(f) for f in missing_files(obj, record.instance)],
            confirm=confirm,
        )
        return TemplateResponse(request, "admin/editorial/revision_version.html", context)

    def history_url(self, obj):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    def restore_view(self, request, object_id, history_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.may_restore(request, obj):
            raise PermissionDenied
        if request.method != "POST":
            # First the version and what restoring it changes; the button there confirms.
            return self.version_view(request, object_id, history_id, confirm=True)
        record = get_object_or_404(obj.history, history_id=history_id)
        version = record.instance
        # Onto the row as loaded, so that django-cleanup knows which files the save replaces.
        restored = obj
        # A file removed since (replaced photos lose their old files) stays as it is now,
        # and so do the fields derived from it (dimensions, renditions).
        kept = missing_files(obj, version)
        missing = {field.attname for field in kept}
        # The language columns carry the translated fields ("title_de", not "title").
        skip = missing | translated_field_names(type(obj))
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.attname in skip or (missing and not field.editable):
                continue
            value = getattr(version, field.attname)
            if isinstance(field, models.FileField):
                value = value.name
                if value == getattr(obj, field.attname).name:
                    continue  # the same file: nothing to set, nothing to measure again
            setattr(restored, field.attname, value)
        when = record_date(record)
        restored._change_reason = gettext("Restored the version of %(date)s") % {"date": when}
        with transaction.atomic():
            restored.save()
            self.log_change(request, restored, restored._change_reason)
        self.message_user(
            request,
            gettext("The version of %(date)s has been restored.") % {"date": when},
            messages.SUCCESS,
        )
        for field in kept:
            self.message_user(
                request,
                gettext(
                    "The file of “%(field)s” in that version no longer exists; "
                    "the current file has been kept."
                )
                % {"field": field_label(field)},
                messages.WARNING,
            )
        return HttpResponseRedirect(self.history_url(obj))
