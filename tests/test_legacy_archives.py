"""
What a site of commit 904a818 wrote still works after the pages app was split: its backup
archive restores into a freshly migrated database, and its PO export imports, with the
moved models under their new labels. The files are in tests/legacy/.
"""

import io
import json

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import TestCase

from .content import media_files, use_temporary_media_root
from .legacy import ARCHIVE, EXPECTED_FILE, MOVED, PO_FILE, new_label, new_natural_key

EXPECTED = json.loads(EXPECTED_FILE.read_text())


class LegacyTestCase(TestCase):
    def setUp(self):
        # The restore gives content types the archive's ids; the rollback after each test
        # takes them back, which the in-process cache must not outlive.
        self.addCleanup(ContentType.objects.clear_cache)
        use_temporary_media_root(self)
        call_command("restore", str(ARCHIVE), verbosity=0)


class LegacyArchiveTests(LegacyTestCase):
    def test_every_row_text_and_file_comes_back_under_the_new_labels(self):
        for label, count in EXPECTED["rows"].items():
            assert apps.get_model(new_label(label))._base_manager.count() == count, label
        for text in EXPECTED["texts"]:
            model = apps.get_model(new_label(text["model"]))
            assert model._base_manager.filter(**{text["field"]: text["value"]}).exists(), text

        translation_states = apps.get_model("editorial", "TranslationState").objects
        for key, count in EXPECTED["translation_states"].items():
            app_label, model = new_natural_key(*key.split("."))
            states = translation_states.filter(
                content_type__app_label=app_label, content_type__model=model
            )
            assert states.count() == count, key
        for entry in EXPECTED["log_entries"]:
            app_label, model = new_natural_key(*entry["content_type"].split("."))
            assert LogEntry.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                object_id=entry["object_id"],
                user__username=entry["user"],
            ).exists(), entry
        for label in MOVED:
            app_label, model = label.lower().split(".")
            assert not ContentType.objects.filter(app_label=app_label, model=model).exists()

        assert media_files() == sorted(EXPECTED["media"])
        Photo = apps.get_model("photos", "Photo")
        for pk, name in EXPECTED["photo_images"].items():
            assert Photo.objects.get(pk=pk).image.name == name

    def test_the_restored_site_shows_the_seed(self):
        response = self.client.get("/de/")
        assert response.status_code == 200
        assert EXPECTED["home_page_text"] in response.content.decode()
        feedback = apps.get_model("feedback", "AccessibilityFeedback").objects.get()
        assert feedback.language == "de"


class LegacyPoImportTests(LegacyTestCase):
    def test_a_po_file_with_the_old_ids_changes_the_moved_models(self):
        po = PO_FILE.read_text()
        assert 'msgctxt "pages.photo:' in po
        out = io.StringIO()
        call_command("import_translations", str(PO_FILE), stdout=out)
        changes = EXPECTED["po_changes"]
        assert f"Imported {len(changes)} translations" in out.getvalue(), out.getvalue()
        assert {change["model"] for change in changes} == {"pages.Photo", "pages.Notice"}
        for change in changes:
            obj = apps.get_model(new_label(change["model"])).objects.get(pk=change["pk"])
            assert getattr(obj, change["field"]) == change["value"], change
        photo = apps.get_model("photos", "Photo").objects.get(pk=changes[0]["pk"])
        assert photo.alt_text_en == changes[0]["value"]
