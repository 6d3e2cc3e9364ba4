"""
Two people with the same change form open: the second save must not silently undo the
first. Each change form carries the revision (django-simple-history record) it was
loaded at. On save, inside the admin's transaction and with the row locked, the form is
compared with the revisions saved since: if any of them changed a field the form shows,
the save is refused with who saved what and when, and the person's input stays in the
form to merge. A change to a field the form does not show at all (the order set by
dragging in the list) is kept, and the save goes through. German text shown read-only to
a translator counts as shown: an English text written for the old German is stale.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import connections, router
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .history import describe_changes

VERSION_FIELD = "edit_version"


def latest_revision(instance):
    """The newest history record of a saved object, or None (no history kept, or none yet)."""
    history = getattr(instance, "history", None)
    if history is None or instance.pk is None:
        return None
    return history.order_by("-history_id").first()


def user_name(user):
    if user is None:
        return gettext("unknown (not in the admin)")
    full_name = user.get_full_name()
    return f"{user.get_username()} ({full_name})" if full_name else user.get_username()


def conflict_message(base, newer, changes):
    """The refusal, with who saved what and when, as HTML for the form's error list."""
    return render_to_string(
        "admin/editorial/edit_conflict.html",
        {
            "saves": [
                {
                    "user": user_name(record.history_user),
                    "date": date_format(localtime(record.history_date), "DATETIME_FORMAT"),
                }
                for record in reversed(newer)
            ],
            "changes": changes,
        },
    )


class VersionCheckedForm(forms.ModelForm):
    """Mixed into each change form by ConcurrentEditAdmin.get_form."""

    # Set by the admin: every field the form shows, editable or read-only.
    shown_fields = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = latest_revision(self.instance)
        self.fields[VERSION_FIELD] = forms.IntegerField(
            label=_("version loaded"),
            required=False,
            widget=forms.HiddenInput,
            initial=latest.history_id if latest else 0,
        )

    def clean(self):
        cleaned_data = super().clean()
        self.check_for_newer_saves()
        return cleaned_data

    def check_for_newer_saves(self):
        instance = self.instance
        if instance.pk is None or not hasattr(instance, "history"):
            return
        if self.add_prefix(VERSION_FIELD) not in self.data:
            # A form opened before versions were sent along, or a scripted post: as before.
            return
        loaded_at = self.cleaned_data.get(VERSION_FIELD) or 0
        newer = list(
            instance.history.filter(history_id__gt=loaded_at)
            .order_by("history_id")
            .select_related("history_user")
        )
        if not newer:
            return
        base = instance.history.filter(history_id=loaded_at).first()
        changes = describe_changes(newer[-1], base) if base is not None else []
        touched = {change["field"] for change in changes}
        if base is not None and not touched & self.shown_fields:
            return  # Nothing this form shows has changed: the save keeps the other change.
        self.add_error(None, conflict_message(base, newer, changes))
        # Sent again, the form is compared with what is saved now: the person has seen it.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = newer[-1].history_id


class ConcurrentEditAdmin:
    """Put before the ModelAdmin in the bases of every admin with a change form."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        using = router.db_for_write(self.model)
        if obj is None or request.method != "POST" or not connections[using].in_atomic_block:
            return obj
        # The admin saves a change form in one transaction. Locking the row first, and
        # reading it again once locked, means a save still in flight is committed before
        # this one looks at the history, and no other can start until this one is done
        # (PostgreSQL; SQLite lets one writer at a time anyway).
        list(
            self.model._base_manager.using(using)
            .select_for_update()
            .filter(pk=obj.pk)
            .values_list("pk", flat=True)
        )
        return super().get_object(request, object_id, from_field)

    @property
    def media(self):
        # The refusal shows the other person's changes as a word diff.
        return super().media + forms.Media(css={"all": ["css/revision-history.css"]})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            # A row of only a hidden input is hidden by the admin's own stylesheet.
            fieldsets.append((None, {"fields": [VERSION_FIELD], "classes": ["hidden"]}))
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        # fields=None is the admin asking which fields the form has (get_fields).
        if obj is None or ("fields" in kwargs and kwargs["fields"] is None):
            return super().get_form(request, obj, **kwargs)
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in kwargs["fields"] if name != VERSION_FIELD]
        form = super().get_form(request, obj, **kwargs)
        shown_fields = frozenset(form.base_fields) | frozenset(
            self.get_readonly_fields(request, obj)
        )
        return type(form.__name__, (VersionCheckedForm, form), {"shown_fields": shown_fields})
