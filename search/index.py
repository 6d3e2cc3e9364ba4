"""
The search index: one Entry per searchable object and language (search/models.py), kept
in step with the content by the model signals that keep the page cache honest, rebuilt
whole by the migration, `rebuild_search_index`, and whenever content changed without
signals (editorial.page_cache.content_replaced: `restore`, a flush, a bulk update).

An entry holds the object whatever its state: whether the public may see it is asked
when a search runs (the searchable's own `public()` QuerySet), so a draft is never found
and a scheduled item appears and disappears on the clock, with no job to update the index.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

from editorial.page_cache import content_replaced
from editorial.page_content import language_of

from .models import Entry
from .registry import SEARCHABLE
from .text import clean, fold, plain

logger = logging.getLogger(__name__)


def searchables_of(model):
    return [searchable for searchable in SEARCHABLE if searchable.model is model]


def entries_for(obj, searchable):
    """Unsaved entries of `obj`, one per language, with the text its visitors read."""
    entries = []
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            title = clean(getattr(obj, searchable.title))
            body = " ".join(plain(obj, name) for name in searchable.body)
            entry = Entry(
                model=searchable.label,
                object_id=obj.pk,
                language=language_code,
                title=fold(title),
                body=fold(body),
            )
            # For PostgreSQL's stemmer: the language each text is written in.
            entry.title_language = language_of(obj, searchable.title)
            entry.body_language = (
                language_of(obj, searchable.body[0]) if searchable.body else language_code
            )
        entries.append(entry)
    return entries


def write(entries, updated=()):
    """Save new entries (and on PostgreSQL stem the words of those and of `updated`)."""
    Entry.objects.bulk_create(entries, batch_size=500)
    if connection.vendor == "postgresql":
        from . import postgresql

        postgresql.update_documents([*entries, *updated])


def update_object(sender, instance, raw=False, **kwargs):
    if raw:
        # Rows that loaddata writes (`restore`, a fixture) may come with their entries,
        # and their related rows may not be there yet: the whole index is brought in line
        # once they are all committed.
        rebuild_after_commit()
        return
    for searchable in searchables_of(sender):
        Entry.objects.filter(model=searchable.label, object_id=instance.pk).delete()
        write(entries_for(instance, searchable))


def remove_object(sender, instance, **kwargs):
    for searchable in searchables_of(sender):
        Entry.objects.filter(model=searchable.label, object_id=instance.pk).delete()


def rebuild(**kwargs):
    """Bring every entry in line with the content: new ones written, changed ones rewritten,
    those of deleted objects removed, unchanged ones left as they are (after `restore`,
    which brings the entries along, that is all of them). Returns the number of entries."""
    with transaction.atomic():
        existing = {
            (model, object_id, language): (pk, title, body)
            for pk, model, object_id, language, title, body in Entry.objects.values_list(
                "pk", "model", "object_id", "language", "title", "body"
            )
        }
        new, changed, count = [], [], 0
        for searchable in SEARCHABLE:
            for obj in searchable.model._default_manager.iterator(chunk_size=500):
                for entry in entries_for(obj, searchable):
                    count += 1
                    found = existing.pop((entry.model, entry.object_id, entry.language), None)
                    if found is None:
                        new.append(entry)
                    elif found[1:] != (entry.title, entry.body):
                        entry.pk = found[0]
                        changed.append(entry)
        Entry.objects.filter(pk__in=[pk for pk, _title, _body in existing.values()]).delete()
        Entry.objects.bulk_update(changed, ["title", "body"], batch_size=500)
        write(new, updated=changed)
    return count


def rebuild_after_commit():
    """Once per transaction (loaddata writes its rows in one), however many rows."""
    if not any(callback[1] is _rebuild_committed for callback in connection.run_on_commit):
        transaction.on_commit(_rebuild_committed)


def _rebuild_committed():
    rebuild()


def rebuild_if_possible(**kwargs):
    """For the migration: a database whose content tables are not there yet (or not yet in
    this code's shape) has no content to index; the first save or `rebuild_search_index`
    fills the index then."""
    try:
        with transaction.atomic():
            return rebuild()
    except DatabaseError as error:
        logger.info("Search index not built yet: %s", error)
        return 0


def fill_if_empty(**kwargs):
    """After `migrate`: an index that the migration could not fill (the content tables came
    later in the same run) is filled now, once every table is there."""
    if not Entry.objects.exists():
        rebuild_if_possible()


def connect_signals(app_config):
    for model in {searchable.model for searchable in SEARCHABLE}:
        uid = f"search:{model._meta.label}"
        post_save.connect(update_object, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(remove_object, sender=model, dispatch_uid=f"{uid}:delete")
    content_replaced.connect(rebuild, dispatch_uid="search:content_replaced")
    post_migrate.connect(fill_if_empty, sender=app_config, dispatch_uid="search:post_migrate")
