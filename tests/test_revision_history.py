"""The history shows whole changes, compares any two versions, and asks before restoring."""

import re

from django.test import TestCase

from editorial.roles import EDITORS, TRANSLATORS
from photos.models import Photo

from . import test_editorial
from .admin_forms import change_form_data
from .content import image_upload, make_focus_area, make_notice, notice_form
from .test_editorial import make_staff

LONG_TEXT = (
    "Das Integrationszentrum berät Menschen, die neu in Dortmund sind, zu Sprache, Arbeit, "
    "Wohnen und Bildung. Die Beratung ist kostenlos und vertraulich. Termine gibt es nach "
    "Vereinbarung, offene Sprechstunden am Dienstag und Donnerstag."
)


def visible_text(response):
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", "", response.content.decode()))


class WholeChangeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        cls.area = make_focus_area(text_de=LONG_TEXT)
        cls.change_url = f"/admin/pages/focusarea/{cls.area.pk}/change/"
        cls.history_url = f"/admin/pages/focusarea/{cls.area.pk}/history/"

    def setUp(self):
        self.client.force_login(self.editor)

    def save(self, **changes):
        form = change_form_data(self.client, self.change_url, **changes)
        response = self.client.post(self.change_url, form)
        assert response.status_code == 302, visible_text(response)[-2000:]

    def test_a_change_at_the_end_of_a_long_paragraph_shows_as_a_word_diff(self):
        self.save(text_de=LONG_TEXT.replace("Donnerstag.", "Freitag."))
        html = self.client.get(self.history_url).content.decode()
        assert re.search(r'<del class="diff-del">.*?Donnerstag.*?</del>', html, re.S)
        assert re.search(r'<ins class="diff-ins">.*?Freitag.*?</ins>', html, re.S)
        # The unchanged start is there once, in full, not cut off.
        assert html.count("Das Integrationszentrum berät Menschen") == 1
        text = visible_text(self.client.get(self.history_url))
        assert "Dienstag und[entfernt: Donnerstag][hinzugefügt: Freitag]." in text

    def test_one_word_changed_in_a_long_text_is_marked_alone(self):
        paragraphs = [f"Absatz {n}: {LONG_TEXT}" for n in range(40)]
        self.save(text_de="\n\n".join(paragraphs))
        paragraphs[30] = paragraphs[30].replace("kostenlos", "gebührenfrei")
        self.save(text_de="\n\n".join(paragraphs))
        html = self.client.get(self.history_url).content.decode()
        newest = html.split('class="revision"')[1]
        assert re.findall(r'<del class="diff-del">(.*?)</del>', newest, re.S) == [
            '<span class="visually-hidden">[entfernt: </span> kostenlos'
            '<span class="visually-hidden">]</span>'
        ]
        assert newest.count("<ins ") == 1 and "Absatz 39" in newest

    def test_markup_in_a_change_is_shown_as_text(self):
        self.save(title_de="Schwerpunkt <script>alert(1)</script>")
        html = self.client.get(self.history_url).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_a_save_that_changed_nothing_leaves_no_empty_row(self):
        self.save()
        self.save(title_de="Neuer Schwerpunkt")
        self.save()
        text = visible_text(self.client.get(self.history_url))
        assert text.count("Geändert") == 1
        assert text.count("Erstellt") == 1

    def test_any_two_versions_can_be_compared(self):
        first = self.area.history.get()
        self.save(title_de="Zweiter Titel")
        self.save(title_de="Dritter Titel", text_de=LONG_TEXT + " Neu.")
        third = self.area.history.order_by("-history_id").first()
        html = self.client.get(self.history_url).content.decode()
        assert 'name="from"' in html and 'name="to"' in html
        # In whichever order they were chosen: from the older to the newer.
        response = self.client.get(
            f"{self.history_url}compare/", {"from": third.history_id, "to": first.history_id}
        )
        assert response.status_code == 200
        text = visible_text(response)
        assert "[entfernt: Schwerpunkt]" in text
        assert "[hinzugefügt: Dritter Titel]" in text
        assert "[hinzugefügt: Neu.]" in text
        assert "Zweiter" not in text

    def test_comparing_needs_two_versions(self):
        first = self.area.history.get()
        response = self.client.get(
            f"{self.history_url}compare/", {"from": first.history_id, "to": first.history_id}
        )
        assert response.status_code == 302
        assert "zwei verschiedene Versionen" in visible_text(self.client.get(response["Location"]))


class RestoreConfirmationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        cls.translator = make_staff("uebersetzer", TRANSLATORS)
        cls.notice = make_notice(title_de="Sprechzeiten", title_en="Office hours")
        cls.history_url = f"/admin/pages/notice/{cls.notice.pk}/history/"

    def setUp(self):
        self.client.force_login(self.editor)
        self.notice.refresh_from_db()
        self.client.post(
            f"/admin/pages/notice/{self.notice.pk}/change/",
            notice_form(self.notice, title_de="Beratungszeiten"),
        )
        self.first = self.notice.history.earliest()
        self.restore_url = f"{self.history_url}{self.first.history_id}/restore/"

    def test_restoring_first_shows_the_version_and_what_it_changes_then_asks(self):
        html = self.client.get(self.history_url).content.decode()
        assert f'href="{self.restore_url}"' in html
        response = self.client.get(self.restore_url)
        assert response.status_code == 200
        text = visible_text(response)
        assert "[entfernt: Beratungszeiten]" in text
        assert "[hinzugefügt: Sprechzeiten]" in text
        assert "Office hours" in text  # the version, in full
        assert f'action="{self.restore_url}"' in response.content.decode()
        # Looking changed nothing.
        self.notice.refresh_from_db()
        assert self.notice.title_de == "Beratungszeiten"

        response = self.client.post(self.restore_url)
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert self.notice.title_de == "Sprechzeiten"

    def test_translators_may_view_a_version_but_not_restore_it(self):
        self.client.force_login(self.translator)
        response = self.client.get(f"{self.history_url}{self.first.history_id}/")
        assert response.status_code == 200
        assert "Sprechzeiten" in visible_text(response)
        assert "Unterschiede zur aktuellen Version" in visible_text(response)
        assert "restore/" not in response.content.decode()
        assert self.client.get(self.restore_url).status_code == 403
        assert self.client.post(self.restore_url).status_code == 403


class PhotoRestoreWarningTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)

    setUp = test_editorial.PhotoHistoryTests.setUp
    post_photo = test_editorial.PhotoHistoryTests.post_photo

    def test_restoring_a_version_whose_image_is_gone_says_so(self):
        self.post_photo("/admin/photos/photo/add/", image=image_upload("alt.jpg"))
        photo = Photo.objects.get()
        old_name = photo.image.name
        self.post_photo(
            f"/admin/photos/photo/{photo.pk}/change/",
            image=image_upload("neu.jpg", size=(80, 60)),
            alt_text_de="Das neue Rathaus",
        )
        photo.image.storage.delete(old_name)
        history_url = f"/admin/photos/photo/{photo.pk}/history/"
        restore_url = f"{history_url}{photo.history.earliest().history_id}/restore/"
        assert "Restoring keeps the current file" not in visible_text(self.client.get(history_url))
        assert "bleibt die aktuelle Datei" in visible_text(self.client.get(restore_url))
        response = self.client.post(restore_url, follow=True)
        assert "aktuelle Datei wurde behalten" in visible_text(response)
