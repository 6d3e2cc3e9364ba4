"""Editors' formatting: headings in order, external links marked, a preview, one sanitiser."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings

from .content import make_focus_area, make_free_page, make_profile

LINKS = (
    "Mehr bei [der Stadt](https://www.dortmund.de/), "
    "[unseren Zielen](/de/ziele/), [hier](http://testserver/de/), "
    "[Mail](mailto:mia-do@example.org), [Telefon](tel:+492315000) und "
    '<a href="/de/" class="external-link" rel="nofollow">getarnt</a>.'
)
EXTERNAL = (
    '<a href="https://www.dortmund.de/" class="external-link" rel="noopener noreferrer">'
    'der Stadt<span class="visually-hidden"> {}</span></a>'
)


def main_of(response):
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


@override_settings(DEBUG=False)
class RichTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        make_free_page(
            slug="hinweise",
            body_de="# Abschnitt\n\nText.\n\n## Unterabschnitt\n\n- eins\n\n" + LINKS,
            body_en="# Section\n\n" + LINKS,
        )
        make_focus_area(title_de="Beratung", text_de="# Angebote\n\nWir beraten.")

    def test_body_headings_sit_below_the_page_title(self):
        body = main_of(self.client.get("/de/seite/hinweise/"))
        assert "<h1>Impressum</h1>" in body
        assert "<h2>Abschnitt</h2>" in body and "<h3>Unterabschnitt</h3>" in body
        assert body.count("<h1") == 1

    def test_headings_in_a_section_sit_below_its_heading(self):
        listing = main_of(self.client.get("/de/schwerpunkte/"))
        assert "<h3>Angebote</h3>" in listing
        home = main_of(self.client.get("/de/"))
        assert "<h3>Beratung</h3>" in home and "<h4>Angebote</h4>" in home

    def test_external_links_are_marked_in_the_page_language(self):
        de = main_of(self.client.get("/de/seite/hinweise/"))
        assert EXTERNAL.format("(externer Link)") in de
        en = main_of(self.client.get("/en/page/hinweise/"))
        assert EXTERNAL.format("(external link)") in en

    def test_internal_mail_and_phone_links_are_not_marked(self):
        body = main_of(self.client.get("/de/seite/hinweise/"))
        assert '<a href="/de/ziele/">unseren Zielen</a>' in body
        assert '<a href="http://testserver/de/">hier</a>' in body
        assert '<a href="mailto:mia-do@example.org">Mail</a>' in body
        assert '<a href="tel:+492315000">Telefon</a>' in body
        # An editor's own class or rel never survives the sanitiser.
        assert '<a href="/de/">getarnt</a>' in body
        assert body.count("external-link") == 1

    def test_no_template_bypasses_the_sanitiser(self):
        for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
            text = template.read_text()
            with self.subTest(template=template.name):
                assert "|safe" not in text and "autoescape off" not in text


class MarkdownPreviewTests(TestCase):
    URL = "/admin/markdown-preview/"

    @classmethod
    def setUpTestData(cls):
        users = get_user_model().objects
        cls.editor = users.create_superuser("redaktion", "r@example.org", "ein-langes-passwort")
        cls.visitor = users.create_user("besuch", "b@example.org", "ein-langes-passwort")

    def test_staff_see_what_the_sanitiser_will_output(self):
        self.client.force_login(self.editor)
        response = self.client.post(
            self.URL,
            {
                "text": "# Titel\n\n[Stadt](https://www.dortmund.de/) <script>alert(1)</script>",
                "language": "en",
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert html.startswith("<h2>Titel</h2>")
        assert '<span class="visually-hidden"> (external link)</span>' in html
        assert "<script" not in html

    def test_everyone_else_is_refused(self):
        assert self.client.post(self.URL, {"text": "x"}).status_code == 403
        self.client.force_login(self.visitor)
        assert self.client.post(self.URL, {"text": "x"}).status_code == 403
        self.client.force_login(self.editor)
        assert self.client.get(self.URL).status_code == 405

    def test_a_post_without_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        assert client.post(self.URL, {"text": "x"}).status_code == 403

    def test_body_fields_get_toolbar_and_preview_other_textareas_do_not(self):
        self.client.force_login(self.editor)
        content = self.client.get("/admin/pages/agencyprofile/add/").content.decode()
        assert "/static/js/markdown-editor.js" in content
        for name in ["lead_de", "lead_en", "body_de", "body_en"]:
            field = content.split(f'name="{name}"', 1)[1].split(">", 1)[0]
            assert f'data-markdown-preview="{self.URL}"' in field, name
            assert f'data-language="{name[-2:]}"' in field
        address = content.split('name="address"', 1)[1].split(">", 1)[0]
        assert "data-markdown-preview" not in address
        for url in ["/admin/pages/notice/add/", "/admin/goals/masterplan/add/"]:
            assert "data-markdown-preview" in self.client.get(url).content.decode()
