"""
Backup and restore, and migrations that can be undone.

The archive is written from a separate SQLite site (a subprocess with its own data
folder) and restored into the test database: SQLite in the first pass of `make test`,
PostgreSQL in the second, so the pass on PostgreSQL proves the SQLite → PostgreSQL move.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import SimpleTestCase, TestCase

from editorial.management.commands.backup import media_names
from miado_site.data_dir import set_up
from pages.models import FreePage, Notice

from .live_server import clean_env

# Content an editor would leave behind: seed, both languages, a second upload, an admin
# log entry (with its content type and user), and whatever other apps keep (revisions).
BUILD_SOURCE_SITE = """
import io
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from tests.content import image_upload, make_free_page, make_notice, make_photo

call_command("migrate", "--noinput", verbosity=0)
call_command("load_seed", stdout=io.StringIO())
editor = get_user_model().objects.create_superuser("redaktion", "r@example.org", "pw-lang-genug")
notice = make_notice(title_de="Öffnungszeiten", title_en="Opening hours", text_en="Mondays.")
make_free_page(
    slug="strasse", title_de="Straße", title_en="Street", body_en="Text.", show_in_footer=True
)
make_photo(image=image_upload("zweites-foto.png", image_format="PNG"), alt_text_en="A house")
LogEntry.objects.create(
    user=editor, content_type=ContentType.objects.get_for_model(notice),
    object_id=str(notice.pk), object_repr=str(notice), action_flag=ADDITION,
)
"""

# Every row of every content model, as plain values, to compare two databases by.
SNAPSHOT_AND_BACKUP = """
import json, sys
from django.core.management import call_command
from tests.test_backup import database_snapshot, media_snapshot
call_command("backup", sys.argv[-1], verbosity=0)
print(json.dumps({"rows": database_snapshot(), "media": media_snapshot()}))
"""


def database_snapshot():
    snapshot = {}
    for model in apps.get_models():
        columns = model._meta.concrete_fields
        rows = []
        for obj in model._base_manager.order_by("pk"):
            row = {}
            for field in columns:
                value = getattr(obj, field.attname)
                if field.is_relation and field.related_model is ContentType and value:
                    # Content types get new ids in a new database; their names stay.
                    value = ContentType.objects.get_for_id(value).natural_key()
                row[field.attname] = (
                    value if isinstance(value, (int, bool, type(None))) else str(value)
                )
            rows.append(row)
        snapshot[model._meta.label] = rows
    return snapshot


def media_snapshot():
    snapshot = {}
    for name in media_names(default_storage):
        with default_storage.open(name, "rb") as file:
            snapshot[name] = hashlib.sha256(file.read()).hexdigest()
    return snapshot


def source_env(folder: Path) -> dict[str, str]:
    """A separate embedded site in `folder`, set up as `make run` sets one up."""
    set_up(folder / "var")
    return clean_env(DJANGO_DATA_DIR=str(folder / "var"), DJANGO_MEDIA_ROOT=str(folder / "media"))


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class BackupRoundTripTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp(prefix="miado-test-backup-"))
        env = source_env(cls.folder)
        cls.archive = cls.folder / "sicherung.tar.gz"
        script = BUILD_SOURCE_SITE + SNAPSHOT_AND_BACKUP.replace(
            "sys.argv[-1]", repr(str(cls.archive))
        )
        # The last line: apps may log to stdout before it.
        cls.source = json.loads(manage("shell", "-v0", "-c", script, env=env).splitlines()[-1])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        # The restore gives content types the archive's ids; the rollback after each
        # test takes them back, which the in-process cache must not outlive.
        self.addCleanup(ContentType.objects.clear_cache)
        media_root = tempfile.mkdtemp(prefix="miado-test-media-")
        self.addCleanup(shutil.rmtree, media_root, True)
        override = self.settings(MEDIA_ROOT=media_root)
        override.enable()
        self.addCleanup(override.disable)

    def test_restore_keeps_every_record_translation_and_file(self):
        assert self.source["rows"]["pages.Notice"], "the source site should have content"
        uploads = [name for name in self.source["media"] if name.startswith("photos/")]
        assert len(uploads) == 2, self.source["media"]
        call_command("restore", str(self.archive), verbosity=0)

        restored = database_snapshot()
        for label, rows in self.source["rows"].items():
            assert json.loads(json.dumps(restored[label])) == rows, label
        # Byte for byte.
        assert media_snapshot() == self.source["media"]
        # And the site shows it, in both languages, with German order.
        assert self.client.get("/en/notices/").content.decode().count("Opening hours") == 1
        assert FreePage.objects.get(slug="strasse").title_de == "Straße"
        assert Notice.objects.get(title_en="Opening hours").title_de == "Öffnungszeiten"
        if connection.vendor == "postgresql":
            # Sequences were moved past the restored ids: new rows can be saved.
            Notice.objects.create(title_de="Neu", slug="neu", text_de="Text.")

    def test_restore_refuses_a_database_with_content_unless_told_to_replace_it(self):
        Notice.objects.create(title_de="Schon da", slug="schon-da", text_de="Text.")
        with self.assertRaisesMessage(CommandError, "The database is not empty"):
            call_command("restore", str(self.archive), verbosity=0)
        assert Notice.objects.filter(slug="schon-da").exists()

        call_command("restore", str(self.archive), "--replace", verbosity=0)
        assert not Notice.objects.filter(slug="schon-da").exists()
        assert Notice.objects.filter(title_en="Opening hours").exists()

    def test_visitors_see_the_restored_content_not_pages_cached_before(self):
        Notice.objects.create(title_de="Schon da", slug="schon-da", text_de="Text.")
        assert "Schon da" in self.client.get("/de/aktuelles/").content.decode()

        call_command("restore", str(self.archive), "--replace", verbosity=0)
        page = self.client.get("/de/aktuelles/").content.decode()
        assert "Schon da" not in page
        assert "Öffnungszeiten" in page

    def test_restore_refuses_what_is_not_an_archive(self):
        not_an_archive = self.folder / "notiz.tar.gz"
        not_an_archive.write_text("Hallo")
        with self.assertRaisesMessage(CommandError, "is not a backup archive"):
            call_command("restore", str(not_an_archive), verbosity=0)


MIGRATE_TO_ZERO_AND_BACK = """
import io
from django.core.management import call_command
from django.db import connection

def tables():
    return {t for t in connection.introspection.table_names() if t.startswith(("pages_", "goals_"))}

call_command("migrate", "--noinput", verbosity=0)
assert "pages_notice" in tables() and "goals_goal" in tables()
call_command("load_seed", stdout=io.StringIO())
call_command("migrate", "goals", "zero", "--noinput", verbosity=0)
call_command("migrate", "pages", "zero", "--noinput", verbosity=0)
assert tables() == set(), tables()
call_command("migrate", "--noinput", verbosity=0)
call_command("load_seed", stdout=io.StringIO())
print("round trip done")
"""


class MigrationTests(SimpleTestCase):
    def test_pages_and_goals_migrate_to_zero_and_back(self):
        with tempfile.TemporaryDirectory() as folder:
            env = source_env(Path(folder))
            if os.environ.get("DATABASE_URL"):
                # The PostgreSQL pass: the throw-away server's own database, which the
                # test runner (it uses test_<name>) leaves alone.
                env["DATABASE_URL"] = os.environ["DATABASE_URL"]
            assert "round trip done" in manage(
                "shell", "-v0", "-c", MIGRATE_TO_ZERO_AND_BACK, env=env
            )
