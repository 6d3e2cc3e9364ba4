import io
import json
import tarfile
import tempfile
import time
from pathlib import Path

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from editorial import backup_format

FORMAT = "miado-backup/1"
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA_PREFIX = "media/"
# Rows that `migrate` makes by itself (its post_migrate step). They are in the archive
# too, but a database holding only these still counts as empty for `restore`.
MADE_BY_MIGRATE = ["contenttypes", "auth.permission", "auth.group"]


def media_names(storage, folder=""):
    """Every file in the storage, walked through its API so that object storage works too."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from media_names(storage, f"{folder}{sub}/")


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = (
        "Writes one archive (.tar.gz) with the whole database, as JSON that loads into "
        "SQLite or PostgreSQL, and every media file. Restore it with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the file to write, e.g. miado-2025-01-31.tar.gz")

    def handle(self, *args, archive, **options):
        target = Path(archive)
        if target.exists():
            self.stderr.write(f"{target} exists already; choose a new name.")
            raise SystemExit(1)
        connection = connections[DEFAULT_DB_ALIAS]
        serializers.register_serializer(backup_format.FORMAT, backup_format.__name__)
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / DATABASE
            # One transaction, one snapshot: rows saved during the dump are either all in
            # it or not at all. PostgreSQL needs REPEATABLE READ for that; SQLite's
            # IMMEDIATE transaction holds off writers until the dump is done.
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                call_command(
                    "dumpdata",
                    format=backup_format.FORMAT,
                    natural_foreign=True,
                    output=str(dump),
                    verbosity=0,
                )
                migrations = sorted(
                    MigrationRecorder(connection).migration_qs.values_list("app", "name")
                )
            # Files are not transactional: they are read after the rows, so every file
            # the rows refer to exists (uploads are never changed in place, only added).
            names = list(media_names(default_storage))
            manifest = {
                "format": FORMAT,
                "vendor": connection.vendor,
                "migrations": migrations,
                "media": names,
            }
            partial = target.with_name(target.name + ".partial")
            with tarfile.open(partial, "w:gz") as out:
                add_bytes(out, MANIFEST, json.dumps(manifest, indent=1).encode())
                out.add(dump, arcname=DATABASE)
                for name in names:
                    with default_storage.open(name, "rb") as file:
                        add_bytes(out, MEDIA_PREFIX + name, file.read())
            # Renamed only when complete, so a half-written archive never looks like one.
            partial.rename(target)
        if options["verbosity"]:
            self.stdout.write(f"Wrote {target}: database and {len(names)} media files.")
