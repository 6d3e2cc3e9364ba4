"""
The admin for keyboards and screen readers, as the server renders it: move buttons in
sortable lists, named boxes in editable lists, and the translator's German source.
The browser side (Tab and Enter, axe-core) is in test_admin_accessibility_browser.py.
"""

import re

from django.test import TestCase

from editorial.roles import EDITORS, TRANSLATORS
from goals.models import Goal
from pages.models import FocusArea

from .content import make_focus_area, make_goal, make_masterplan, make_notice, make_photo
from .test_editorial import make_staff


def move(client, url, obj, direction):
    return client.post(url, {"_move": f"{obj.pk}:{direction}"})


class MoveButtonTests(TestCase):
    url = "/admin/goals/goal/"

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_staff("redakteurin", EDITORS)
        masterplan = make_masterplan()
        cls.goals = [
            make_goal(masterplan=masterplan, text_de=text, order=order)
            for order, text in enumerate(["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"], 1)
        ]

    def setUp(self):
        self.client.force_login(self.editor)

    def texts(self):
        return list(Goal.objects.values_list("text_de", flat=True))

    def test_each_row_has_named_buttons_except_beyond_either_end(self):
        content = self.client.get(self.url).content.decode()
        assert "„Erstes Ziel“ nach unten verschieben" in content
        assert "„Drittes Ziel“ nach oben verschieben" in content
        assert "„Erstes Ziel“ nach oben verschieben" not in content
        assert "„Drittes Ziel“ nach unten verschieben" not in content
        # Real submit buttons of the list's form, which carries the CSRF token.
        assert f'name="_move" value="{self.goals[2].pk}:up"' in content
        # The title, not the buttons, links to the change form.
        assert not re.search(r"<a [^>]*>\s*<span class=\"move-buttons\"", content)

    def test_moving_up_saves_the_new_order_and_says_where_the_item_is_now(self):
        response = move(self.client, self.url, self.goals[2], "up")

        assert response.status_code == 302 and response["Location"] == self.url
        assert self.texts() == ["Erstes Ziel", "Drittes Ziel", "Zweites Ziel"]
        page = self.client.get(self.url).content.decode()
        status = re.search(r'<li class="[^"]*success[^"]*" id="reorder-status">(.*?)</li>', page)
        assert status.group(1) == "„Drittes Ziel“ steht jetzt an Position 2 von 3."
        # Focus returns to the button pressed, described by that status.
        button = re.search(r"<button [^>]*autofocus[^>]*>.*?</button>", page, re.S).group(0)
        assert 'aria-describedby="reorder-status"' in button
        assert "„Drittes Ziel“ nach oben verschieben" in button
        assert page.count("autofocus") == 1
        # A move is a revision like any other save, and the public page follows.
        assert self.goals[2].history.count() == 2
        public = self.client.get("/de/ziele/").content.decode()
        assert public.index("Drittes Ziel") < public.index("Zweites Ziel")

    def test_at_the_end_focus_goes_to_the_way_back(self):
        move(self.client, self.url, self.goals[1], "down")
        page = self.client.get(self.url).content.decode()
        assert self.texts() == ["Erstes Ziel", "Drittes Ziel", "Zweites Ziel"]
        button = re.search(r"<button [^>]*autofocus[^>]*>.*?</button>", page, re.S).group(0)
        assert "„Zweites Ziel“ nach oben verschieben" in button

    def test_items_that_share_a_number_get_places_of_their_own(self):
        Goal.objects.update(order=0)
        first, second, third = Goal.objects.all()
        move(self.client, self.url, third, "up")
        assert list(Goal.objects.values_list("pk", "order")) == [
            (first.pk, 1),
            (third.pk, 2),
            (second.pk, 3),
        ]

    def test_the_filters_of_the_list_are_kept(self):
        area = make_focus_area(title_de="Eins", order=1)
        make_focus_area(title_de="Zwei", order=2)
        url = "/admin/pages/focusarea/?published__exact=1"
        response = move(self.client, url, area, "down")
        assert response["Location"] == url
        assert list(FocusArea.objects.values_list("title_de", flat=True)) == ["Zwei", "Eins"]

    def test_boxes_changed_in_the_list_but_not_saved_are_saved_with_the_move(self):
        first = make_focus_area(title_de="Eins", order=1, published=True)
        second = make_focus_area(title_de="Zwei", order=2, published=True)
        url = "/admin/pages/focusarea/"
        data = {
            "form-TOTAL_FORMS": 2,
            "form-INITIAL_FORMS": 2,
            "form-0-id": first.pk,
            "form-0-published": "on",
            "form-1-id": second.pk,
            # Unticked in the list, then the editor moves "Zwei" up without "Sichern".
            "_move": f"{second.pk}:up",
        }
        response = self.client.post(url, data)
        assert response.status_code == 302
        assert list(FocusArea.objects.values_list("title_de", "published")) == [
            ("Zwei", False),
            ("Eins", True),
        ]

    def test_a_malformed_or_unknown_move_changes_nothing(self):
        for command in ["x", f"{self.goals[0].pk}:sideways", "999999:up"]:
            with self.subTest(command=command):
                response = self.client.post(self.url, {"_move": command})
                assert response.status_code == 400
        assert self.texts() == ["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"]

    def test_translators_get_no_buttons_and_may_not_move(self):
        self.client.force_login(make_staff("uebersetzer", TRANSLATORS))
        assert "_move" not in self.client.get(self.url).content.decode()
        assert move(self.client, self.url, self.goals[2], "up").status_code == 403
        assert self.texts() == ["Erstes Ziel", "Zweites Ziel", "Drittes Ziel"]


class ListEditingLabelTests(TestCase):
    def test_each_box_of_an_editable_column_is_named_by_column_and_row(self):
        self.client.force_login(make_staff("redakteurin", EDITORS))
        make_focus_area(title_de="Bildung")
        content = self.client.get("/admin/pages/focusarea/").content.decode()
        checkbox = re.search(r'<input type="checkbox" name="form-0-published"[^>]*>', content)
        assert 'aria-label="Veröffentlicht: Bildung"' in checkbox.group(0)

    def test_the_search_box_is_named_in_the_admins_language(self):
        self.client.force_login(make_staff("redakteurin", EDITORS))
        content = self.client.get("/admin/pages/notice/").content.decode()
        label = re.search(r'<label for="searchbar">(.*?)</label>', content).group(1)
        assert 'alt="Suchen"' in label

    def test_a_photo_row_links_once_by_its_text_not_by_an_image_without_text(self):
        self.client.force_login(make_staff("redakteurin", EDITORS))
        photo = make_photo(alt_text_de="Ein Haus am See")
        content = self.client.get("/admin/photos/photo/").content.decode()
        links = re.findall(
            rf'<a href="/admin/photos/photo/{photo.pk}/change/"[^>]*>(.*?)</a>', content
        )
        assert links and all("<img" not in link for link in links)


class TranslatorSourceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.translator = make_staff("uebersetzerin", TRANSLATORS)
        cls.notice = make_notice(
            title_de="Neue Sprechzeiten", slug="sprechzeiten", text_de="Ab Montag.\n\nBis 16 Uhr."
        )
        cls.url = f"/admin/pages/notice/{cls.notice.pk}/change/"

    def setUp(self):
        self.client.force_login(self.translator)

    def test_the_german_source_stands_above_each_english_field_and_describes_it(self):
        content = self.client.get(self.url).content.decode()
        for name, german in [("title", "Neue Sprechzeiten"), ("text", "Ab Montag.")]:
            source = re.search(
                rf'<div class="translation-source" id="id_{name}_en_source">(.*?)</div>',
                content,
                re.S,
            )
            assert source, name
            assert "Deutsche Vorlage:" in source.group(1)
            assert f'<span lang="de">{german}' in source.group(1)
            field = re.search(rf'<(input|textarea)[^>]*name="{name}_en"[^>]*>', content).group(0)
            assert f'aria-describedby="id_{name}_en_source' in field
            # Above the field it describes, and not a second time in a row of its own.
            assert content.index(f'id="id_{name}_en_source"') < content.index(f'name="{name}_en"')
            assert f"field-{name}_de" not in content
        assert 'name="title_de"' not in content

    def test_view_on_site_opens_the_english_page(self):
        content = self.client.get(self.url).content.decode()
        link = re.search(r'<a href="([^"]+)" class="viewsitelink"', content)
        assert link and link.group(1) == "/en/notices/sprechzeiten/"

    def test_editors_keep_the_german_tabs_and_the_german_page(self):
        self.client.force_login(make_staff("redakteurin", EDITORS))
        content = self.client.get(self.url).content.decode()
        assert 'name="title_de"' in content and "translation-source" not in content
        link = re.search(r'<a href="([^"]+)" class="viewsitelink"', content).group(1)
        assert "/de/aktuelles/" in self.client.get(link, follow=True).redirect_chain[-1][0]

    def test_the_translation_is_still_saved_and_german_stays_locked(self):
        response = self.client.post(self.url, {"title_en": "New hours", "text_en": "From Monday."})
        assert response.status_code == 302
        self.notice.refresh_from_db()
        assert (self.notice.title_de, self.notice.title_en) == ("Neue Sprechzeiten", "New hours")
        response = self.client.post(self.url, {"title_en": "x", "text_en": "y", "title_de": "z"})
        assert "Als Übersetzer/in dürfen Sie nur Übersetzungen ändern." in response.content.decode()
