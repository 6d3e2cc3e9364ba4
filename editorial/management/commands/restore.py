import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from editorial.page_cache import bump_content_version
from editorial.registry import model_by_label

from .backup import DATABASE, FORMAT, MADE_BY_MIGRATE, MANIFEST, MEDIA_PREFIX


def content_models():
    """Models whose rows are content, i.e. everything `migrate` does not create itself."""
    made_apps = {label for label in MADE_BY_MIGRATE if "." not in label}
    made_models = {label for label in MADE_BY_MIGRATE if "." in label}
    for model in apps.get_models():
        if model._meta.app_label in made_apps or model._meta.label_lower in made_models:
            continue
        yield model


def under_current_labels(rows):
    """
    The archive's rows with the labels of today's models: an archive written before a
    model moved to another app (`pages.photo`, now `photos.photo`) names it, and the
    content types that other rows refer to, by its former label.
    """
    content_type_fields = {}

    def current(app_label, model_name):
        try:
            model = model_by_label(f"{app_label}.{model_name}")
        except LookupError:
            return [app_label, model_name]
        return [model._meta.app_label, model._meta.model_name]

    for row in rows:
        model = model_by_label(row["model"])
        row["model"] = model._meta.label_lower
        fields = row["fields"]
        if model is ContentType:
            fields["app_label"], fields["model"] = current(fields["app_label"], fields["model"])
            continue
        if model not in content_type_fields:
            content_type_fields[model] = [
                (field.name, field.many_to_many)
                for field in model._meta.get_fields()
                if field.concrete
                and field.is_relation
                and field.related_model in (ContentType, Permission)
            ]
        for name, many in content_type_fields[model]:
            value = fields.get(name)
            # A natural key ends in (app_label, model): [app, model] or [codename, app, model].
            keys = value if many else [value]
            for key in keys:
                if isinstance(key, list) and len(key) >= 2:
                    key[-2:] = current(*key[-2:])
    return rows


class Command(BaseCommand):
    help = (
        "Reads an archive written by `backup` into a migrated database: an empty one "
        "(nothing but what `migrate` makes), or with --replace an existing one whose "
        "content is deleted first. Database and media files are restored together, or "
        "not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete all content of the database first (needed unless it is empty)",
        )

    def handle(self, *args, archive, replace, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            source = tarfile.open(archive, "r:gz")
        except (OSError, tarfile.TarError) as error:
            raise CommandError(f"{archive} is not a backup archive: {error}") from error
        with source, tempfile.TemporaryDirectory() as tmp:
            try:
                manifest = json.load(source.extractfile(MANIFEST))
            except (KeyError, ValueError) as error:
                raise CommandError(f"{archive} is not a backup archive: no manifest.") from error
            if manifest.get("format") != FORMAT:
                raise CommandError(
                    f"{archive} has format {manifest.get('format')!r}, not {FORMAT}."
                )

            applied = set(MigrationRecorder(connection).migration_qs.values_list("app", "name"))
            missing = [
                f"{app}.{name}"
                for app, name in manifest["migrations"]
                if (app, name) not in applied
            ]
            if missing:
                raise CommandError(
                    "The archive comes from a newer version or an unmigrated database: run "
                    "`python manage.py migrate` with the code that wrote it first. Missing: "
                    + ", ".join(missing[:5])
                )

            occupied = [m._meta.label for m in content_models() if m._base_manager.exists()]
            if occupied and not replace:
                raise CommandError(
                    "The database is not empty (" + ", ".join(occupied[:5]) + "). Restore into "
                    "a freshly migrated database, or add --replace to delete its content first."
                )

            dump = Path(tmp) / DATABASE
            rows = under_current_labels(json.load(source.extractfile(DATABASE)))
            dump.write_text(json.dumps(rows))
            with transaction.atomic():
                # Everything goes, also what migrate made: the archive has those rows with
                # the ids the other rows refer to.
                postgresql = connection.vendor == "postgresql"
                if postgresql:
                    # PostgreSQL cannot TRUNCATE rows with checks still pending, as when this
                    # runs inside a caller's transaction: run the checks now...
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                if postgresql:
                    # ...and defer them again, as loaddata needs for rows that refer forward.
                    with connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                # The archive's content types replace this database's: ids cached before
                # would resolve the rows' natural keys to the wrong types.
                ContentType.objects.clear_cache()
                # Raw saves: the receivers that keep derived rows (translation status,
                # histories) in step with edits skip them, as the archive holds those rows.
                call_command("loaddata", str(dump), verbosity=0)
                # What this code has beyond the archive's (content types, permissions and
                # roles of newer models), as `migrate` would add it.
                emit_post_migrate_signal(0, False, connection.alias)
                # Inside the transaction: if a file cannot be written, no rows stay either.
                for name in manifest["media"]:
                    data = source.extractfile(MEDIA_PREFIX + name).read()
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    saved = default_storage.save(name, ContentFile(data))
                    if saved != name:
                        raise CommandError(f"The storage renamed {name} to {saved}.")
        # Ids of content types may have changed under this process's cache.
        ContentType.objects.clear_cache()
        # Rows flushed and loaded in bulk: without this, visitors would get the pages of
        # before the restore.
        bump_content_version()
        if options["verbosity"]:
            self.stdout.write(
                f"Restored {archive}: database and {len(manifest['media'])} media files."
            )
