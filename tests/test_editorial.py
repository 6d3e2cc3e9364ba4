"""The editors' and translators' workflow: roles, publishing, history and ordering."""

import importlib
import json
import re
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import SimpleNamespace
from unittest import mock

import polib
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models.signals import post_save
from django.test import Client, TestCase
from django.utils import timezone

from editorial.roles import EDITORS, TRANSLATORS
from goals.models import Goal
from pages.models import FocusArea, FreePage, Notice
from photos.models import Photo

from .content import (
    image_upload,
    make_focus_area,
    make_free_page,
    make_goal,
    make_masterplan,
    make_notice,
    make_photo,
    make_profile,
    notice_form,
)

MOMENT = timezone.make_aware(datetime(2030, 5, 1, 9, 0))


@contextmanager
def clock(moment):
    """The publishing rules see `moment`; logins and sessions keep the real time."""
    with mock.patch("editorial.models.timezone", SimpleNamespace(now=lambda: moment)):
        yield


def make_staff(username, group_name=None, superuser=False):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "ein-langes-passwort", is_staff=True
    )
    if superuser:
        user.is_superuser = True
        user.save()
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


class RoleGroupTests(TestCase):
    def codenames(self, group_name):
        return set(
            Group.objects.get(name=group_name).permissions.values_list("codename", flat=True)
        )

    def test_editors_may_do_everything_with_all_content(self):
        codenames = self.codenames(EDITORS)
        for model in [Notice, FreePage, FocusArea, Goal]:
            name = model._meta.model_name
            for action in ["add", "change", "delete", "view"]:
                assert f"{action}_{name}" in codenames
        assert "view_historicalnotice" in codenames

    def test_translators_may_only_view_and_change_translated_content(self):
        codenames = self.codenames(TRANSLATORS)
        assert {"view_notice", "change_notice", "change_goal", "change_agencyprofile"} <= codenames
        # The translation overview with PO export and import.
        assert {"view_translationstate", "change_translationstate"} <= codenames
        assert not any(code.startswith(("add_", "delete_")) for code in codenames)
        assert "change_seedrecord" not in codenames

    def test_permissions_follow_the_models_after_every_migrate(self):
        """A model added later gets its permissions in both groups without a migration."""
        Group.objects.get(name=EDITORS).permissions.clear()
        Group.objects.get(name=TRANSLATORS).permissions.clear()
        call_command("migrate", verbosity=0)
        assert "add_goal" in self.codenames(EDITORS)
        assert "change_goal" in self.codenames(TRANSLATORS)

    def test_the_migration_creates_and_removes_the_groups(self):
        migration = importlib.import_module("pages.migrations.0007_editorial_roles")
        migration.delete_groups(apps, None)
        assert not Group.objects.filter(name__in=[EDITORS, TRANSLATORS]).exists()
        migration.create_groups(apps, None)
        assert Group.objects.filter(name__in=[EDITORS, TRANSLATORS]).count() == 2


class TranslatorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.translator = make_staff("uebersetzerin", TRANSLATORS)
        cls.notice = make_notice(title_de="Neue Sprechzeiten", text_de="Ab Montag.")
        cls.url = f"/admin/pages/notice/{cls.notice.pk}/change/"

    def setUp(self):
        self.client.force_login(self.translator)

    def test_translator_sees_the_german_source_read_only_above_the_english_fields(self):
        content = self.client.get(self.url).content.decode()
        assert 'name="title_en"' in content
        assert 'name="text_en"' in content
        assert 'name="title_de"' not in content
        assert 'name="slug"' not in content
        assert 'name="published"' not in content
        # The German text is there to translate from, above the field it is translated into.
        source = re.search(r'id="id_title_en_source">.*?<span lang="de">(.*?)</span>', content)
        assert source and source.group(1) == "Neue Sprechzeiten"
        assert content.index('id="id_title_en_source"') < content.index('name="title_en"')

    def test_translator_saves_the_english_translation(self):
        response = self.client.post(
            self.url, {"title_en": "New consultation hours", "text_en": "From Monday."}
        )
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert self.notice.title_en == "New consultation hours"
        assert self.notice.title_de == "Neue Sprechzeiten"
        assert "New consultation hours" in self.client.get("/en/notices/meldung/").content.decode()

    def test_a_crafted_change_of_a_german_field_is_refused_and_nothing_is_saved(self):
        for forged in [
            {"title_de": "Gefälscht"},
            {"slug": "anders"},
            {"published": ""},
            {"publish_until_0": "01.01.2020", "publish_until_1": "00:00"},
        ]:
            with self.subTest(forged=forged):
                response = self.client.post(
                    self.url, {"title_en": "Changed", "text_en": "Changed.", **forged}
                )
                content = response.content.decode()
                assert response.status_code == 200
                assert "Als Übersetzer/in dürfen Sie nur Übersetzungen ändern." in content
                assert "Es wurde nichts gespeichert" in content
                self.notice.refresh_from_db()
                assert self.notice.title_de == "Neue Sprechzeiten"
                assert self.notice.slug == "meldung"
                assert self.notice.title_en in (None, "")
                assert self.notice.history.count() == 1

    def test_translator_may_neither_add_nor_delete(self):
        assert self.client.get("/admin/pages/notice/add/").status_code == 403
        assert self.client.post(f"/admin/pages/notice/{self.notice.pk}/delete/").status_code == 403
        assert Notice.objects.filter(pk=self.notice.pk).exists()

    def test_translator_cannot_publish_reorder_or_restore_from_the_list(self):
        page = make_free_page(published=False)
        self.client.post(
            "/admin/pages/freepage/",
            {
                "form-TOTAL_FORMS": 1,
                "form-INITIAL_FORMS": 1,
                "form-0-id": page.pk,
                "form-0-published": "on",
                "form-0-show_in_footer": "on",
                "form-0-order": 3,
                "_save": "Sichern",
            },
        )
        page.refresh_from_db()
        assert not page.published and not page.show_in_footer

        area = make_focus_area(order=1)
        response = self.client.post(
            "/admin/pages/focusarea/adminsortable2_update/",
            json.dumps({"updatedItems": [[area.pk, 7]]}),
            content_type="application/json",
        )
        assert response.status_code == 403
        area.refresh_from_db()
        assert area.order == 1
        assert 'class="drag' not in self.client.get("/admin/pages/focusarea/").content.decode()

        record = self.notice.history.get()
        url = f"/admin/pages/notice/{self.notice.pk}/history/{record.history_id}/restore/"
        assert self.client.post(url).status_code == 403

    def test_translator_exchanges_a_po_file_and_the_import_is_a_revision(self):
        overview = "/admin/editorial/translationstate/"
        assert self.client.get(overview).status_code == 200
        po = polib.pofile(self.client.get(overview + "export/en/").content.decode())
        po.find(f"pages.notice:{self.notice.pk}:title", by="msgctxt").msgstr = "New hours"
        response = self.client.post(
            overview + "import/",
            {"language": "en", "file": SimpleUploadedFile("en.po", str(po).encode())},
        )
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert (self.notice.title_de, self.notice.title_en) == ("Neue Sprechzeiten", "New hours")
        latest = self.notice.history.latest()
        assert latest.history_user == self.translator
        assert latest.history_change_reason == "PO-Import"

    def test_a_member_of_both_groups_edits_german_too(self):
        self.translator.groups.add(Group.objects.get(name=EDITORS))
        response = self.client.post(self.url, notice_form(self.notice, title_de="Korrigiert"))
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert self.notice.title_de == "Korrigiert"


class PublishingAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        make_notice(title_de="Entwurf", slug="entwurf", published=False)
        make_notice(title_de="Geplant", slug="geplant", publish_from=MOMENT + timedelta(days=2))
        make_notice(title_de="Aktuell", slug="aktuell", publish_from=MOMENT - timedelta(days=2))
        make_notice(title_de="Abgelaufen", slug="abgelaufen", publish_until=MOMENT)

    def setUp(self):
        self.client.force_login(self.editor)

    def rows(self, url):
        content = self.client.get(url).content.decode()
        return {
            re.sub("<[^>]+>", "", title): re.sub("<[^>]+>", "", state).strip()
            for title, state in re.findall(
                r'<th class="field-title">(.*?)</th>.*?<td class="field-publication_state">'
                r"(.*?)</td>",
                content,
                re.S,
            )
        }

    def test_the_list_shows_each_notices_state(self):
        with clock(MOMENT):
            assert self.rows("/admin/pages/notice/") == {
                "Entwurf": "Entwurf",
                "Geplant": "Geplant ab 03.05.2030 09:00",
                "Aktuell": "Online",
                "Abgelaufen": "Abgelaufen am 01.05.2030 09:00",
            }

    def test_the_list_filters_by_state_at_the_current_time(self):
        with clock(MOMENT):
            for state, titles in [
                ("draft", {"Entwurf"}),
                ("scheduled", {"Geplant"}),
                ("live", {"Aktuell"}),
                ("expired", {"Abgelaufen"}),
            ]:
                with self.subTest(state=state):
                    assert set(self.rows(f"/admin/pages/notice/?state={state}")) == titles
        # Two days later the scheduled notice is live: no cron job needed.
        with clock(MOMENT + timedelta(days=2)):
            assert set(self.rows("/admin/pages/notice/?state=live")) == {"Geplant", "Aktuell"}


class ScheduledVisibilityTests(TestCase):
    def test_a_free_page_appears_and_disappears_on_time(self):
        make_free_page(
            slug="sommerfest", publish_from=MOMENT, publish_until=MOMENT + timedelta(hours=6)
        )
        for moment, status in [
            (MOMENT - timedelta(seconds=1), 404),
            (MOMENT, 200),
            (MOMENT + timedelta(hours=6) - timedelta(seconds=1), 200),
            (MOMENT + timedelta(hours=6), 404),
        ]:
            # The whole site's clock, the page cache's too: the visitor has no session.
            with (
                self.subTest(moment=moment),
                mock.patch.object(timezone, "now", return_value=moment),
            ):
                assert self.client.get("/de/seite/sommerfest/").status_code == status


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        cls.draft = make_notice(title_de="Entwurf", slug="entwurf", published=False)
        cls.scheduled_page = make_free_page(
            title_de="Sommerfest", slug="sommerfest", publish_from=MOMENT + timedelta(days=1)
        )
        make_notice(title_de="Vorbei", slug="vorbei", publish_until=MOMENT - timedelta(days=1))
        make_notice(title_de="Aktuell", slug="aktuell")

    def assert_preview(self, response, title):
        content = response.content.decode()
        assert response.status_code == 200
        assert title in content
        assert 'class="preview-banner"' in content
        assert '<meta name="robots" content="noindex">' in content
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control

    def test_the_public_gets_a_404(self):
        visitor = get_user_model().objects.create_user("besucher", password="ein-langes-pw")
        for user in [None, visitor]:
            if user:
                self.client.force_login(user)
            with clock(MOMENT):
                for url in [
                    "/de/aktuelles/entwurf/",
                    "/de/aktuelles/vorbei/",
                    "/de/seite/sommerfest/",
                ]:
                    assert self.client.get(url).status_code == 404

    def test_staff_preview_drafts_scheduled_and_expired_content_marked_as_preview(self):
        self.client.force_login(self.editor)
        with clock(MOMENT):
            self.assert_preview(self.client.get("/de/aktuelles/entwurf/"), "Entwurf")
            self.assert_preview(self.client.get("/en/page/sommerfest/"), "Sommerfest")
            self.assert_preview(self.client.get("/de/aktuelles/vorbei/"), "Vorbei")
            live = self.client.get("/de/aktuelles/aktuell/").content.decode()
        assert "preview-banner" not in live
        assert "noindex" not in live

    def test_staff_preview_unpublished_focus_areas_on_their_list(self):
        make_focus_area(title_de="Öffentlich")
        make_focus_area(title_de="In Arbeit", published=False)
        assert "In Arbeit" not in self.client.get("/de/schwerpunkte/").content.decode()
        self.client.force_login(self.editor)
        response = self.client.get("/de/schwerpunkte/")
        self.assert_preview(response, "In Arbeit")
        assert "Nicht veröffentlicht" in response.content.decode()

    def test_view_on_site_leads_staff_to_the_preview(self):
        self.client.force_login(self.editor)
        content_type = ContentType.objects.get_for_model(Notice)
        response = self.client.get(f"/admin/r/{content_type.pk}/{self.draft.pk}/", follow=True)
        assert response.redirect_chain[-1][0].endswith("/de/aktuelles/entwurf/")
        self.assert_preview(response, "Entwurf")


class RevisionHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        cls.editor.first_name, cls.editor.last_name = "Erika", "Muster"
        cls.editor.save()
        cls.notice = make_notice(title_de="Sprechzeiten", title_en="Office hours")
        cls.change_url = f"/admin/pages/notice/{cls.notice.pk}/change/"
        cls.history_url = f"/admin/pages/notice/{cls.notice.pk}/history/"

    def setUp(self):
        self.client.force_login(self.editor)

    def edit(self, **changes):
        self.notice.refresh_from_db()
        response = self.client.post(self.change_url, notice_form(self.notice, **changes))
        assert response.status_code == 302

    def test_history_shows_who_changed_which_field_in_which_language(self):
        self.edit(title_en="Consultation hours")
        self.edit(title_de="Beratungszeiten", published="")
        content = self.client.get(self.history_url).content.decode()
        text = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", content))
        assert "redakteur (Erika Muster)" in text
        assert "Titel [en]: [entfernt: Office][hinzugefügt: Consultation] hours" in text
        assert "Titel [de]: [entfernt: Sprechzeiten][hinzugefügt: Beratungszeiten]" in text
        assert "Veröffentlicht: [entfernt: ja] → [hinzugefügt: nein]" in text
        # The German edit did not touch the English title, so it is not listed twice.
        assert text.count("Titel [en]") == 1
        assert "Geändert" in text

    def test_an_empty_field_saved_empty_again_is_not_listed_as_a_change(self):
        # Made in code, the English text is NULL; the admin form saves it as "".
        assert self.notice.text_en is None
        self.edit(title_de="Beratungszeiten")
        content = self.client.get(self.history_url).content.decode()
        text = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", content))
        assert "Titel [de]: [entfernt: Sprechzeiten][hinzugefügt: Beratungszeiten]" in text
        assert "Text [en]" not in text

    def test_restore_brings_back_an_old_version_as_a_new_revision(self):
        self.edit(title_en="Consultation hours", text_de="Neu.")
        self.edit(title_de="Beratungszeiten")
        first = self.notice.history.earliest()
        before = self.notice.history.count()

        content = self.client.get(self.history_url).content.decode()
        restore_url = f"{self.history_url}{first.history_id}/restore/"
        assert f'href="{restore_url}"' in content
        assert "Diese Version wiederherstellen" in content
        assert f'action="{restore_url}"' in self.client.get(restore_url).content.decode()

        response = self.client.post(restore_url)
        assert response.status_code == 302
        assert response["Location"] == self.history_url
        self.notice.refresh_from_db()
        assert (self.notice.title_de, self.notice.title_en) == ("Sprechzeiten", "Office hours")
        assert self.notice.text_de == "Text der Meldung."
        assert self.notice.history.count() == before + 1
        latest = self.notice.history.latest()
        assert latest.history_user == self.editor
        assert latest.history_change_reason.startswith("Version vom ")

        content = self.client.get(self.history_url, follow=True).content.decode()
        assert "wurde wiederhergestellt" in content
        text = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", content))
        assert "Titel [de]: [entfernt: Beratungszeiten][hinzugefügt: Sprechzeiten]" in text
        assert "<h1>Sprechzeiten</h1>" in self.client.get("/de/aktuelles/meldung/").content.decode()

    def test_restore_asks_first_and_changes_nothing_on_a_get(self):
        self.edit(title_de="Beratungszeiten")
        first = self.notice.history.earliest()
        response = self.client.get(f"{self.history_url}{first.history_id}/restore/")
        assert response.status_code == 200
        assert "Diese Version wiederherstellen?" in response.content.decode()
        self.notice.refresh_from_db()
        assert self.notice.title_de == "Beratungszeiten"

    def test_every_content_model_keeps_a_history_of_every_language(self):
        masterplan = make_masterplan(title_en="Masterplan (EN)")
        cases = [
            (make_photo(alt_text_en="A house"), "alt_text", "Ein Haus", "A house"),
            (make_profile(name_en="Centre"), "name", "Integrationszentrum", "Centre"),
            (make_focus_area(title_en="Focus"), "title", "Schwerpunkt", "Focus"),
            (self.notice, "title", "Sprechzeiten", "Office hours"),
            (make_free_page(title_en="Legal notice"), "title", "Impressum", "Legal notice"),
            (masterplan, "title", "Masterplan Migration/Integration", "Masterplan (EN)"),
            (make_goal(masterplan=masterplan, text_en="A goal"), "text", "Ein Ziel", "A goal"),
        ]
        for obj, field, german, english in cases:
            with self.subTest(model=type(obj).__name__):
                record = obj.history.latest()
                assert getattr(record, f"{field}_de") == german
                assert getattr(record, f"{field}_en") == english
                opts = obj._meta
                url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/"
                assert "Erstellt" in self.client.get(url).content.decode()


class PhotoHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)

    def setUp(self):
        self.client.force_login(self.editor)

    def post_photo(self, url, **overrides):
        data = {
            "alt_text_de": "Das Rathaus",
            "alt_text_en": "",
            "caption_de": "",
            "caption_en": "",
            "credit_name": "Erika Muster",
            "credit_role": "",
            "licence": "",
            "source_url": "",
        }
        data.update(overrides)
        response = self.client.post(url, data)
        assert response.status_code == 302

    def test_a_replaced_image_shows_in_the_history_and_a_removed_file_is_not_restored(self):
        self.post_photo("/admin/photos/photo/add/", image=image_upload("alt.jpg"))
        photo = Photo.objects.get()
        old_name = photo.image.name
        change_url = f"/admin/photos/photo/{photo.pk}/change/"
        self.post_photo(
            change_url,
            image=image_upload("neu.jpg", size=(80, 60)),
            alt_text_de="Das neue Rathaus",
        )
        photo.refresh_from_db()
        history_url = f"/admin/photos/photo/{photo.pk}/history/"
        text = re.sub(
            r"\s+", " ", re.sub("<[^>]+>", "", self.client.get(history_url).content.decode())
        )
        assert f"Bilddatei: [entfernt: {old_name}] → [hinzugefügt: {photo.image.name}]" in text
        assert "Alternativtext [de]: Das[hinzugefügt: neue] Rathaus" in text

        # Replacing a photo may remove its old file: restoring keeps the file there is.
        photo.image.storage.delete(old_name)
        first = photo.history.earliest()
        response = self.client.post(f"{history_url}{first.history_id}/restore/")
        assert response.status_code == 302
        restored = Photo.objects.get()
        assert restored.alt_text_de == "Das Rathaus"
        assert restored.image.name == photo.image.name
        assert restored.image.storage.exists(restored.image.name)
        # What is derived from the file belongs to the file that is there.
        assert (restored.width, restored.height) == (80, 60)
        assert restored.renditions == photo.renditions


class OrderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        masterplan = make_masterplan()
        cls.goals = [
            make_goal(masterplan=masterplan, text_de=text, order=order)
            for order, text in enumerate(["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"], 1)
        ]
        cls.areas = [
            make_focus_area(title_de=title, order=order)
            for order, title in enumerate(["Beratung", "Bildung"], 1)
        ]

    def setUp(self):
        self.client.force_login(self.editor)

    def reorder(self, url, items):
        """The request the drag-and-drop widget sends when an item is dropped."""
        return self.client.post(
            url,
            # The widget sends every row of the page, primary keys as strings.
            json.dumps({"updatedItems": [[str(obj.pk), order] for obj, order in items]}),
            content_type="application/json",
            headers={"accept": "application/json"},
        )

    def test_change_list_has_drag_handles_and_loads_nothing_from_other_hosts(self):
        content = self.client.get("/admin/goals/goal/").content.decode()
        assert content.count('class="drag handle"') == 3
        assert "/adminsortable2_update/" in content
        for url in re.findall(r'(?:src|href)="([^"]+)"', content):
            assert not url.startswith(("http:", "https:", "//")), url

    def test_dragging_a_goal_changes_the_order_on_the_site_at_once(self):
        first, second, third = self.goals
        visitor = Client()
        # The visitor's page is now in the page cache, which the reorder must invalidate.
        before = visitor.get("/de/ziele/").content.decode()
        assert before.index("Erstes Ziel") < before.index("Zweites Ziel")
        received = []

        def receiver(sender, **kwargs):
            received.append(sender)

        post_save.connect(receiver)
        self.addCleanup(post_save.disconnect, receiver)
        response = self.reorder(
            "/admin/goals/goal/adminsortable2_update/", [(third, 1), (first, 2), (second, 3)]
        )
        assert response.status_code == 200
        content = visitor.get("/de/ziele/").content.decode()
        assert (
            content.index("Drittes Ziel")
            < content.index("Erstes Ziel")
            < content.index("Zweites Ziel")
        )
        # Every moved goal is saved, so cache invalidation and history hear of it.
        assert received.count(Goal) == 3
        assert third.history.latest().order == 1

    def test_dragging_a_focus_area_changes_the_order_on_the_site_at_once(self):
        first, second = self.areas
        response = self.reorder(
            "/admin/pages/focusarea/adminsortable2_update/", [(second, 1), (first, 2)]
        )
        assert response.status_code == 200
        content = Client().get("/en/focus-areas/").content.decode()
        assert content.index("Bildung") < content.index("Beratung")
