"""Translators see how the German text changed since they translated it."""

import re

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from editorial.roles import TRANSLATORS

from .admin_forms import change_form_data
from .content import make_goal, make_notice
from .test_admin import AdminTestCase
from .test_editorial import make_staff

OVERVIEW = "/admin/editorial/translationstate/"
OLD_TEXT = (
    "Wir fördern Sprachkurse für alle Menschen, die neu in Dortmund sind, und helfen bei der "
    "Suche nach einem passenden Kurs in der Nähe der eigenen Wohnung oder der Arbeit."
)


class GermanChangeShownToTranslatorsTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.goal = make_goal(text_de=OLD_TEXT, text_en="We support language courses.")
        cls.notice = make_notice(title_de="Sprechzeiten", title_en="Office hours")
        cls.translator = make_staff("uebersetzer", TRANSLATORS)

    def edit_german(self, url, **changes):
        form = change_form_data(self.client, url, **changes)
        assert self.client.post(url, form).status_code == 302

    def test_the_overview_shows_the_german_diff_of_every_outdated_translation(self):
        self.edit_german(
            f"/admin/goals/goal/{self.goal.pk}/change/",
            text_de=OLD_TEXT.replace("oder der Arbeit.", "oder des Arbeitsplatzes."),
        )
        self.edit_german(
            f"/admin/pages/notice/{self.notice.pk}/change/", title_de="Neue Sprechzeiten"
        )
        translator = Client()
        translator.force_login(self.translator)
        html = translator.get(OVERVIEW).content.decode()
        # The end of a long text: the change shows, not an excerpt of identical text.
        assert re.search(r'<del class="diff-del">.*?Arbeit<.*?</del>', html, re.S)
        assert re.search(r'<ins class="diff-ins">.*?Arbeitsplatzes<.*?</ins>', html, re.S)
        text = re.sub(r"\s+", " ", re.sub("<[^>]+>", "", html))
        assert "[hinzugefügt: Neue] Sprechzeiten" in text

    def test_fuzzy_entries_in_the_po_export_carry_the_previous_german_source(self):
        self.edit_german(
            f"/admin/pages/notice/{self.notice.pk}/change/", title_de="Neue Sprechzeiten"
        )
        response = self.client.get(OVERVIEW + "export/en/")
        content = response.content.decode()
        assert '#| msgid "Sprechzeiten"' in content
        entry = polib.pofile(content).find(f"pages.notice:{self.notice.pk}:title", by="msgctxt")
        assert entry.fuzzy
        assert (entry.previous_msgid, entry.msgid) == ("Sprechzeiten", "Neue Sprechzeiten")
        # An entry that is current carries no previous source.
        goal_entry = polib.pofile(content).find(f"goals.goal:{self.goal.pk}:text", by="msgctxt")
        assert not goal_entry.fuzzy and goal_entry.previous_msgid is None

    def test_an_import_of_the_reviewed_file_still_applies(self):
        self.edit_german(
            f"/admin/pages/notice/{self.notice.pk}/change/", title_de="Neue Sprechzeiten"
        )
        po = polib.pofile(self.client.get(OVERVIEW + "export/en/").content.decode())
        entry = po.find(f"pages.notice:{self.notice.pk}:title", by="msgctxt")
        entry.msgstr = "New office hours"
        entry.flags.remove("fuzzy")

        response = self.client.post(
            OVERVIEW + "import/",
            {"language": "en", "file": SimpleUploadedFile("en.po", str(po).encode())},
        )
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert self.notice.title_en == "New office hours"
