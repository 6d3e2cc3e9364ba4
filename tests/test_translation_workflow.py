"""Translators see what needs translating, and exchange content with agencies as PO files."""

import io
import tempfile
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import TranslationState
from goals.models import Goal
from pages.models import FocusArea, Notice

from .content import load_seed, make_focus_area, make_goal, make_notice, notice_form
from .test_admin import AdminTestCase

OVERVIEW = "/admin/editorial/translationstate/"
NOTICES = "/admin/pages/notice/"


class TranslationStatusTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = make_notice(
            slug="sprechzeiten",
            title_de="Neue Sprechzeiten",
            title_en="New consultation hours",
            text_de="Ab Montag gelten neue Zeiten.",
            text_en="New hours apply from Monday.",
        )
        cls.untranslated = make_notice(
            slug="nur-deutsch", title_de="Nur auf Deutsch", text_de="Noch nicht übersetzt."
        )

    def change(self, notice, **fields):
        response = self.client.post(f"{NOTICES}{notice.pk}/change/", notice_form(notice, **fields))
        assert response.status_code == 302, response.content.decode()[:2000]

    def status_cell(self, notice):
        content = self.client.get(NOTICES).content.decode().split('id="result_list"', 1)[1]
        row = content.split(f"/admin/pages/notice/{notice.pk}/change/", 1)[1].split("</tr>")[0]
        return row.split('class="field-translation_status">', 1)[1].split("</td>")[0]

    def test_a_german_edit_makes_the_untouched_translation_outdated(self):
        assert "EN: vollständig" in self.status_cell(self.notice)
        self.change(self.notice, text_de="Ab Dienstag gelten neue Zeiten.")
        assert "EN: veraltet" in self.status_cell(self.notice)
        overview = self.client.get(OVERVIEW).content.decode()
        assert f'<a href="/admin/pages/notice/{self.notice.pk}/change/">Neue Sprechzeiten</a>' in (
            overview
        )
        assert "veraltet" in overview

    def test_a_translation_from_before_tracking_becomes_outdated_on_a_german_edit(self):
        TranslationState.objects.all().delete()
        assert "EN: vollständig" in self.status_cell(self.notice)
        self.change(self.notice, title_de="Sprechzeiten ab Mai")
        assert "EN: veraltet" in self.status_cell(self.notice)

    def test_saving_the_translation_clears_the_outdated_state(self):
        self.change(self.notice, text_de="Ab Dienstag gelten neue Zeiten.")
        self.notice.refresh_from_db()
        self.change(self.notice, text_en="New hours apply from Tuesday.")
        assert "EN: vollständig" in self.status_cell(self.notice)
        overview = self.client.get(OVERVIEW).content.decode()
        assert "Neue Sprechzeiten" not in overview

    def test_german_and_translation_changed_together_stay_current(self):
        self.change(self.notice, text_de="Ab Mittwoch.", text_en="From Wednesday.")
        assert "EN: vollständig" in self.status_cell(self.notice)

    def test_a_missing_translation_is_shown_and_listed(self):
        assert "EN: fehlt" in self.status_cell(self.untranslated)
        overview = self.client.get(OVERVIEW).content.decode()
        row = overview.split("Nur auf Deutsch", 1)[1].split("</tr>")[0]
        assert "fehlt" in row and "Titel, Text" in row
        # One item per row: the column is headed in the singular.
        assert '<th scope="col">Inhalt</th>' in overview

    def test_needs_translation_filter_lists_only_open_work(self):
        self.change(self.notice, title_de="Geänderte Sprechzeiten")
        complete = make_notice(
            slug="fertig", title_de="Fertig", title_en="Done", text_de="Text", text_en="Text"
        )
        content = self.client.get(NOTICES + "?needs_translation=en").content.decode()
        assert "Nach Übersetzungsbedarf" in content
        assert "Geänderte Sprechzeiten" in content
        assert "Nur auf Deutsch" in content
        assert f"/admin/pages/notice/{complete.pk}/change/" not in content

    def test_confirming_a_translation_as_current_clears_outdated(self):
        self.change(self.notice, text_de="Ab Montag gelten neue Zeiten!")
        response = self.client.post(
            NOTICES,
            {"action": "mark_translations_current", "_selected_action": [self.notice.pk]},
        )
        assert response.status_code == 302
        assert "EN: vollständig" in self.status_cell(self.notice)

    def test_the_status_column_costs_the_same_queries_for_any_number_of_rows(self):
        with CaptureQueriesContext(connection) as few:
            self.client.get(NOTICES)
        for number in range(5):
            make_notice(slug=f"meldung-{number}", title_de=f"Meldung {number}", text_de="Text")
        with CaptureQueriesContext(connection) as many:
            content = self.client.get(NOTICES).content.decode()
        assert content.count("EN: fehlt") == 6
        assert len(many) == len(few)

    def test_every_translated_model_shows_the_status_and_filter(self):
        make_focus_area()
        make_goal()
        for url in ["/admin/pages/focusarea/", "/admin/goals/goal/", "/admin/photos/photo/"]:
            with self.subTest(url=url):
                content = self.client.get(url).content.decode()
                assert "Nach Übersetzungsbedarf" in content
                assert "Übersetzung" in content

    def test_seed_content_counts_as_translated_and_current(self):
        Notice.objects.all().delete()
        load_seed()
        overview = self.client.get(OVERVIEW).content.decode()
        assert "Alles ist übersetzt und aktuell." in overview

    def test_a_staff_member_without_permission_is_refused(self):
        clerk = get_user_model().objects.create_user("praktikum", password="pw", is_staff=True)
        self.client.force_login(clerk)
        assert self.client.get(OVERVIEW).status_code == 403
        assert self.client.get(OVERVIEW + "export/en/").status_code == 403
        clerk.user_permissions.add(Permission.objects.get(codename="view_translationstate"))
        assert self.client.get(OVERVIEW).status_code == 200
        assert self.client.get(OVERVIEW + "export/en/").status_code == 200
        assert self.client.post(OVERVIEW + "import/", {}).status_code == 403


class PoExchangeTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = make_notice(
            slug="sprechzeiten",
            title_de="Neue Sprechzeiten",
            title_en="New hours",
            text_de="Ab Montag gelten neue Zeiten.",
        )
        cls.area = make_focus_area(title_de="Beratung", text_de="Wir beraten.")

    def export(self):
        response = self.client.get(OVERVIEW + "export/en/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="miado-content-en.po"'
        return polib.pofile(response.content.decode())

    def upload(self, po, language="en"):
        content = po if isinstance(po, bytes) else str(po).encode()
        return self.client.post(
            OVERVIEW + "import/",
            {"language": language, "file": SimpleUploadedFile("en.po", content)},
        )

    def snapshot(self):
        return (
            list(Notice.objects.values()),
            list(FocusArea.objects.values()),
            list(TranslationState.objects.values("object_id", "field", "source_digest")),
        )

    def test_export_carries_id_german_source_translation_and_admin_link(self):
        po = self.export()
        assert po.metadata["Language"] == "en"
        entry = po.find(f"pages.notice:{self.notice.pk}:title", by="msgctxt")
        assert entry.msgid == "Neue Sprechzeiten"
        assert entry.msgstr == "New hours"
        assert f"http://testserver/admin/pages/notice/{self.notice.pk}/change/" in entry.comment
        assert "Meldung „Neue Sprechzeiten“, Titel" in entry.comment
        missing = po.find(f"pages.notice:{self.notice.pk}:text", by="msgctxt")
        assert missing.msgid == "Ab Montag gelten neue Zeiten." and missing.msgstr == ""

    def test_round_trip_changes_the_english_site_and_counts_as_current(self):
        po = self.export()
        po.find(
            f"pages.notice:{self.notice.pk}:text", by="msgctxt"
        ).msgstr = "New hours apply from Monday."
        po.find(f"pages.focusarea:{self.area.pk}:title", by="msgctxt").msgstr = "Advice"
        po.find(f"pages.focusarea:{self.area.pk}:text", by="msgctxt").msgstr = "We advise."
        response = self.upload(po)
        assert response.status_code == 302
        messages = self.client.get(response["Location"]).content.decode()
        assert "3 Übersetzungen übernommen" in messages
        assert "Alles ist übersetzt und aktuell." in messages
        page = self.client.get("/en/notices/sprechzeiten/").content.decode()
        assert "New hours apply from Monday." in page
        assert '<h2 id="schwerpunkt-' in self.client.get("/en/focus-areas/").content.decode()
        assert "Advice" in self.client.get("/en/focus-areas/").content.decode()

    def test_import_message_counts_one_skipped_entry_in_the_singular(self):
        po = self.export()
        po.find(f"pages.notice:{self.notice.pk}:text", by="msgctxt").msgstr = "From Monday."
        po.find(f"pages.focusarea:{self.area.pk}:title", by="msgctxt").msgstr = "Advice"
        response = self.upload(po)
        messages = self.client.get(response["Location"]).content.decode()
        assert "1 leerer oder als „fuzzy“ markierter Eintrag wurde übersprungen." in messages

    def test_an_exported_outdated_translation_is_fuzzy_and_not_applied_until_reviewed(self):
        self.client.post(
            f"{NOTICES}{self.notice.pk}/change/",
            notice_form(self.notice, title_de="Geänderte Sprechzeiten"),
        )
        po = self.export()
        entry = po.find(f"pages.notice:{self.notice.pk}:title", by="msgctxt")
        assert entry.fuzzy and entry.msgid == "Geänderte Sprechzeiten"
        entry.msgstr = "Changed hours"
        assert self.upload(po).status_code == 302
        assert Notice.objects.get().title_en == "New hours"
        entry.flags.remove("fuzzy")
        assert self.upload(po).status_code == 302
        assert Notice.objects.get().title_en == "Changed hours"
        overview = self.client.get(OVERVIEW).content.decode()
        row = overview.split("Geänderte Sprechzeiten", 1)[1].split("</tr>")[0]
        assert "veraltet" not in row

    def test_unknown_id_and_changed_source_are_rejected_by_line_and_nothing_changes(self):
        po = self.export()
        po.find(f"pages.focusarea:{self.area.pk}:title", by="msgctxt").msgstr = "Advice"
        po.append(polib.POEntry(msgctxt="pages.notice:9999:title", msgid="Weg", msgstr="Gone"))
        text = po.find(f"pages.notice:{self.notice.pk}:text", by="msgctxt")
        text.msgstr = "From Monday."
        FocusArea.objects.filter(pk=self.area.pk).update(title_de="Beratung neu")
        Notice.objects.filter(pk=self.notice.pk).update(text_de="Ab Dienstag.")
        before = self.snapshot()
        reparsed = polib.pofile(str(po))
        lines = {e.msgctxt: e.linenum for e in reparsed}
        response = self.upload(po)
        content = response.content.decode()
        assert response.status_code == 200
        assert f"Zeile {lines['pages.notice:9999:title']}: unbekannte Kennung" in content
        assert f"Zeile {lines[f'pages.notice:{self.notice.pk}:text']}: Der deutsche Text" in content
        assert f"Zeile {lines[f'pages.focusarea:{self.area.pk}:title']}:" in content
        assert self.snapshot() == before

    def test_a_translation_too_long_for_its_field_is_rejected(self):
        po = self.export()
        entry = po.find(f"pages.notice:{self.notice.pk}:title", by="msgctxt")
        entry.msgstr = "x" * 201
        line = polib.pofile(str(po)).find(entry.msgctxt, by="msgctxt").linenum
        content = self.upload(po).content.decode()
        assert f"Zeile {line}: Bitte sicherstellen, dass der Wert aus höchstens 200" in content
        assert Notice.objects.get().title_en == "New hours"

    def test_malformed_file_and_wrong_language_are_rejected(self):
        before = self.snapshot()
        broken = b'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgctxt "x"\nmsgid "a" b"\n'
        content = self.upload(broken).content.decode()
        assert "Zeile 6: Syntaxfehler, die Datei ist keine gültige PO-Datei." in content
        wrong = self.export()
        wrong.metadata["Language"] = "fr"
        content = self.upload(wrong).content.decode()
        assert "Die Datei ist für die Sprache „fr“, nicht für „en“." in content
        assert "ist keine UTF-8" in self.upload("msgid ü".encode("latin-1")).content.decode()
        assert self.snapshot() == before

    def test_management_commands_export_and_import(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        target = folder / "en.po"
        call_command("export_translations", language="en", output=str(target), stderr=io.StringIO())
        po = polib.pofile(str(target))
        po.find(f"pages.notice:{self.notice.pk}:text", by="msgctxt").msgstr = "From Monday."
        po.save(str(target))
        po.metadata["Language"] = "en_GB"  # as some CAT tools write it
        po.save(str(target))
        out = io.StringIO()
        call_command("import_translations", str(target), stdout=out)
        assert "Imported 1 translations" in out.getvalue(), out.getvalue()
        assert Notice.objects.get().text_en == "From Monday."
        po.append(polib.POEntry(msgctxt="goals.goal:1:nope", msgid="x", msgstr="y"))
        po.save(str(target))
        with self.assertRaisesMessage(CommandError, "unknown id"):
            call_command("import_translations", str(target), language="en")
        assert Goal.objects.count() == 0


@pytest.mark.third_language
class ThirdLanguageTranslationWorkTests(AdminTestCase):
    """A language added in settings gets its own open work, filter and export at once."""

    @classmethod
    def setUpTestData(cls):
        load_seed()
        super().setUpTestData()

    def test_the_new_language_shows_as_missing_while_english_stays_current(self):
        overview = self.client.get(OVERVIEW).content.decode()
        english, arabic = overview.split("Offene Übersetzungsarbeit: ")[1:3]
        assert english.startswith("Englisch") and "Alles ist übersetzt und aktuell." in english
        assert arabic.startswith("Arabisch") and "fehlt" in arabic
        notices = self.client.get(NOTICES + "?needs_translation=ar").content.decode()
        assert "AR: fehlt" in notices and "EN: vollständig" in notices
        po = polib.pofile(self.client.get(OVERVIEW + "export/ar/").content.decode())
        assert po.metadata["Language"] == "ar"
        assert all(entry.msgstr == "" for entry in po)
