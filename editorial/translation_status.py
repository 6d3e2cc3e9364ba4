"""
Which translations are complete, missing or outdated.

A translation is outdated when the German text of a field changed after the translation
was last saved. TranslationState remembers a digest of the German text each translation
was made from; signals keep it in step on every save, whichever path the save takes
(admin form, PO import, a revision restore).
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import TranslationState

COMPLETE = "complete"
MISSING = "missing"
OUTDATED = "outdated"
STATUS_LABELS = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
}


def target_languages():
    """Every language content is translated into: all configured ones but the source."""
    return [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def translated_models():
    """Every model registered with modeltranslation, in a stable order."""
    return sorted(translator.get_registered_models(abstract=False), key=lambda m: m._meta.label)


def translated_fields(model):
    """The model's translated fields, in the order the model declares them."""
    names = translator.get_options_for_model(model).fields
    return [f.name for f in model._meta.get_fields() if f.name in names]


def digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()


def source_text(obj, field_name):
    return getattr(obj, build_localized_fieldname(field_name, DEFAULT_LANGUAGE)) or ""


def translated_text(obj, field_name, language):
    return getattr(obj, build_localized_fieldname(field_name, language)) or ""


def message_id(obj, field_name):
    """The stable id of one translatable text, e.g. `pages.notice:12:title`."""
    return f"{obj._meta.label_lower}:{obj.pk}:{field_name}"


def admin_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@dataclass
class Status:
    """The state of one object's translation into one language."""

    obj: object
    language: str
    missing: list = field(default_factory=list)
    outdated: list = field(default_factory=list)
    # For each outdated field, the digest of the German text the translation was made from.
    translated_from: dict = field(default_factory=dict)

    @property
    def code(self):
        if self.missing:
            return MISSING
        if self.outdated:
            return OUTDATED
        return COMPLETE

    @property
    def label(self):
        return STATUS_LABELS[self.code]

    @property
    def needs_work(self):
        return self.code != COMPLETE


def recorded_digests(model, object_ids=None):
    """{(object_id, language, field): digest} for a model, in one query."""
    states = TranslationState.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if object_ids is not None:
        states = states.filter(object_id__in=object_ids)
    return {
        (state.object_id, state.language, state.field): state.source_digest
        for state in states.only("object_id", "language", "field", "source_digest")
    }


def statuses(objects, languages=None):
    """{(pk, language): Status} for objects of one model, with one query for the states."""
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    field_names = translated_fields(model)
    languages = languages or target_languages()
    recorded = recorded_digests(model, [obj.pk for obj in objects])
    result = {}
    for obj in objects:
        for language in languages:
            status = Status(obj, language)
            for field_name in field_names:
                source = source_text(obj, field_name)
                if not source:
                    continue
                if not translated_text(obj, field_name, language):
                    status.missing.append(field_name)
                    continue
                # No record: the translation predates tracking (seed content, say) and no
                # German edit has happened since, or the save signal would have left one.
                known = recorded.get((obj.pk, language, field_name))
                if known is not None and known != digest(source):
                    status.outdated.append(field_name)
                    status.translated_from[field_name] = known
            result[(obj.pk, language)] = status
    return result


def earlier_source(obj, field_name, source_digest):
    """
    The German text with that digest, from the object's revision history (newest first),
    or None where no revision kept it (content loaded as a fixture, say).
    """
    history = getattr(obj, "history", None)
    if history is None or source_digest is None:
        return None
    column = build_localized_fieldname(field_name, DEFAULT_LANGUAGE)
    for text in history.order_by("-history_id").values_list(column, flat=True).iterator():
        if digest(text) == source_digest:
            return text or ""
    return None


def earlier_sources(status):
    """{field: the German text each outdated translation was made from, or None}."""
    return {
        field_name: earlier_source(status.obj, field_name, status.translated_from.get(field_name))
        for field_name in status.outdated
    }


def open_work(languages=None):
    """Every object and language whose translation is missing or outdated."""
    work = []
    for model in translated_models():
        for status in statuses(model._default_manager.all(), languages).values():
            if status.needs_work:
                work.append(status)
    return work


def mark_current(obj, languages=None, fields=None):
    """Record that obj's present translations match its German text as it is now."""
    content_type = ContentType.objects.get_for_model(obj)
    for language in languages or target_languages():
        for field_name in fields or translated_fields(type(obj)):
            if translated_text(obj, field_name, language) and source_text(obj, field_name):
                TranslationState.objects.update_or_create(
                    content_type=content_type,
                    object_id=obj.pk,
                    language=language,
                    field=field_name,
                    defaults={"source_digest": digest(source_text(obj, field_name))},
                )


def _remember_before_save(sender, instance, **kwargs):
    """
    Compare with the stored row, to know after the save which translations moved. Raw
    saves (loaddata, `restore`) are skipped: they bring their translation states along.
    """
    if kwargs.get("raw"):
        return
    names = [
        build_localized_fieldname(field_name, language)
        for field_name in translated_fields(sender)
        for language in [DEFAULT_LANGUAGE, *target_languages()]
    ]
    before = None
    if instance.pk is not None:
        before = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    instance._translation_before_save = before


def _record_after_save(sender, instance, **kwargs):
    """
    A translation that changed was made from today's German; a German edit that left a
    translation alone keeps that translation tied to the German it was made from.
    """
    before = instance.__dict__.pop("_translation_before_save", False)
    if before is False:
        return
    content_type = ContentType.objects.get_for_model(sender)
    for field_name in translated_fields(sender):
        source_name = build_localized_fieldname(field_name, DEFAULT_LANGUAGE)
        source = source_text(instance, field_name)
        for language in target_languages():
            name = build_localized_fieldname(field_name, language)
            translation = translated_text(instance, field_name, language)
            if not translation or not source:
                continue
            key = {
                "content_type": content_type,
                "object_id": instance.pk,
                "language": language,
                "field": field_name,
            }
            if before is None or (before[name] or "") != translation:
                TranslationState.objects.update_or_create(
                    **key, defaults={"source_digest": digest(source)}
                )
            elif (before[source_name] or "") != source and before[source_name]:
                # Tracking starts with this German edit: the untouched translation
                # belongs to the German text as it was before.
                TranslationState.objects.get_or_create(
                    **key, defaults={"source_digest": digest(before[source_name])}
                )


def _forget_deleted(sender, instance, **kwargs):
    TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect_signals():
    """For the translated models only: no other save pays for a look at the stored row."""
    for model in translator.get_registered_models(abstract=False):
        uid = f"translation_status:{model._meta.label}"
        pre_save.connect(_remember_before_save, sender=model, dispatch_uid=f"{uid}:pre_save")
        post_save.connect(_record_after_save, sender=model, dispatch_uid=f"{uid}:post_save")
        post_delete.connect(_forget_deleted, sender=model, dispatch_uid=f"{uid}:post_delete")
