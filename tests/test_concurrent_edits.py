"""Two people edit the same object: the second save never silently undoes the first."""

import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client, TestCase, TransactionTestCase

from editorial.roles import EDITORS, TRANSLATORS
from goals.models import Goal

from .admin_forms import change_form_data
from .content import make_goal, make_masterplan, make_notice
from .test_editorial import make_staff


def visible_text(response):
    return re.sub(r"\s+", " ", re.sub("<[^>]+>", "", response.content.decode()))


class ConcurrentEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteur", EDITORS)
        cls.editor.first_name, cls.editor.last_name = "Erika", "Muster"
        cls.editor.save()
        cls.translator = make_staff("uebersetzer", TRANSLATORS)
        cls.goal = make_goal(text_de="Sprachkurse für alle.", text_en="Language courses for all.")
        cls.url = f"/admin/goals/goal/{cls.goal.pk}/change/"

    def setUp(self):
        self.editor_client = Client()
        self.editor_client.force_login(self.editor)
        self.translator_client = Client()
        self.translator_client.force_login(self.translator)

    def test_the_translators_save_after_a_german_edit_is_refused_and_keeps_their_input(self):
        editor_form = change_form_data(self.editor_client, self.url)
        translator_form = change_form_data(self.translator_client, self.url)

        editor_form["text_de"] = "Sprachkurse für alle Altersgruppen."
        assert self.editor_client.post(self.url, editor_form).status_code == 302

        translator_form["text_en"] = "Language courses for everyone."
        response = self.translator_client.post(self.url, translator_form)
        assert response.status_code == 200
        text = visible_text(response)
        assert "redakteur (Erika Muster)" in text
        assert "nicht gespeichert" in text
        assert "Altersgruppen" in text  # the other person's change, shown as a difference
        assert '<ins class="diff-ins">' in response.content.decode()
        # The translator's input is still in the form, to merge and send again.
        assert "Language courses for everyone." in response.content.decode()
        self.goal.refresh_from_db()
        assert self.goal.text_de == "Sprachkurse für alle Altersgruppen."
        assert self.goal.text_en == "Language courses for all."

        # Sent again after reading the change, the form is saved.
        again = change_form_data(self.translator_client, self.url)
        again_after_conflict = {
            **translator_form,
            "edit_version": re.search(
                r'name="edit_version" value="(\d+)"', response.content.decode()
            ).group(1),
        }
        assert again["edit_version"] == again_after_conflict["edit_version"]
        assert self.translator_client.post(self.url, again_after_conflict).status_code == 302
        self.goal.refresh_from_db()
        assert self.goal.text_de == "Sprachkurse für alle Altersgruppen."
        assert self.goal.text_en == "Language courses for everyone."

    def test_the_editors_save_after_a_translation_is_refused_and_nothing_is_lost(self):
        editor_form = change_form_data(self.editor_client, self.url)
        translator_form = change_form_data(self.translator_client, self.url)

        translator_form["text_en"] = "Language courses for everyone."
        assert self.translator_client.post(self.url, translator_form).status_code == 302

        editor_form["text_de"] = "Sprachkurse für alle Altersgruppen."
        response = self.editor_client.post(self.url, editor_form)
        assert response.status_code == 200
        assert "uebersetzer" in visible_text(response)
        assert "Sprachkurse für alle Altersgruppen." in response.content.decode()
        self.goal.refresh_from_db()
        assert self.goal.text_en == "Language courses for everyone."
        assert self.goal.text_de == "Sprachkurse für alle."

    def test_a_change_the_form_does_not_show_is_kept_without_a_refusal(self):
        # Reordering in the list while a goal's form is open touches no field of the form.
        form = change_form_data(self.editor_client, self.url, text_de="Neuer Text.")
        Goal.objects.filter(pk=self.goal.pk).update(order=7)
        goal = Goal.objects.get(pk=self.goal.pk)
        goal.save(update_fields=["order"])
        assert self.editor_client.post(self.url, form).status_code == 302
        goal.refresh_from_db()
        assert (goal.text_de, goal.order) == ("Neuer Text.", 7)

    def test_two_saves_in_a_row_by_one_editor_are_no_conflict(self):
        form = change_form_data(self.editor_client, self.url, text_de="Erster Stand.")
        response = self.editor_client.post(self.url, {**form, "_continue": "1"})
        assert response.status_code == 302
        form = change_form_data(self.editor_client, self.url, text_de="Zweiter Stand.")
        assert self.editor_client.post(self.url, form).status_code == 302

    def test_every_change_form_carries_the_version_it_was_loaded_at(self):
        masterplan = make_masterplan()
        notice = make_notice()
        for url in [
            f"/admin/goals/masterplan/{masterplan.pk}/change/",
            f"/admin/pages/notice/{notice.pk}/change/",
        ]:
            with self.subTest(url=url):
                form = change_form_data(self.editor_client, url)
                assert form["edit_version"].isdigit()

    def test_a_conflict_on_a_singleton_is_refused_too(self):
        masterplan = make_masterplan()
        url = f"/admin/goals/masterplan/{masterplan.pk}/change/"
        first = change_form_data(self.editor_client, url, title_de="Masterplan 2030")
        second = change_form_data(self.translator_client, url, title_en="Masterplan 2030 (EN)")
        assert self.editor_client.post(url, first).status_code == 302
        assert self.translator_client.post(url, second).status_code == 200
        masterplan.refresh_from_db()
        assert masterplan.title_en in (None, "")


@pytest.mark.postgresql
class SaveInFlightTests(TransactionTestCase):
    """A save committed while the second one is already under way is seen, not undone."""

    def test_a_translation_posted_during_an_editors_save_is_refused(self):
        editor = make_staff("redakteur", EDITORS)
        translator = make_staff("uebersetzer", TRANSLATORS)
        goal = make_goal(text_de="Sprachkurse für alle.", text_en="Language courses for all.")
        url = f"/admin/goals/goal/{goal.pk}/change/"
        translator_client = Client()
        translator_client.force_login(translator)
        form = change_form_data(translator_client, url, text_en="Language courses for everyone.")
        locked = threading.Event()

        def editor_saves_slowly():
            try:
                with transaction.atomic():
                    row = Goal.objects.select_for_update().get(pk=goal.pk)
                    row.text_de = "Sprachkurse für alle Altersgruppen."
                    row._history_user = editor
                    row.save()
                    locked.set()
                    # The translator's save arrives now, and reads the row while this
                    # transaction still holds it.
                    time.sleep(1.5)
            finally:
                connection.close()

        editor_thread = threading.Thread(target=editor_saves_slowly)
        editor_thread.start()
        assert locked.wait(10)
        response = translator_client.post(url, form)
        editor_thread.join()

        assert response.status_code == 200
        assert "redakteur" in visible_text(response)
        goal.refresh_from_db()
        assert goal.text_de == "Sprachkurse für alle Altersgruppen."
        assert goal.text_en == "Language courses for all."
