"""Links in editors' Markdown are checked on save, and rendered so that none leads to a 404."""

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

from editorial.rich_text import render_markdown
from pages.models import Notice

from .content import make_free_page, make_notice, make_profile, notice_form


def main_of(response):
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


@override_settings(DEBUG=False)
class LinkCheckOnSaveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "r@example.org", "ein-langes-passwort"
        )
        cls.notice = make_notice(slug="sprechstunde", text_de="Alt.", text_en="Old.")
        cls.other = make_notice(slug="fest", title_de="Fest")
        make_free_page(slug="kontakt", published=False)

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = f"/admin/pages/notice/{self.notice.pk}/change/"

    def save(self, **changes):
        return self.client.post(self.url, notice_form(self.notice, **changes))

    def errors_of(self, response, field):
        return " ".join(response.context["adminform"].form.errors.get(field, []))

    def test_www_address_is_refused_with_the_https_form(self):
        text = "Mehr bei [Stadt Dortmund](www.dortmund.de)."
        response = self.save(text_de=text)
        assert response.status_code == 200
        error = self.errors_of(response, "text_de")
        assert "https://www.dortmund.de" in error
        # Nothing the editor typed is lost, and nothing was saved.
        assert text in response.content.decode()
        self.notice.refresh_from_db()
        assert self.notice.text_de == "Alt."

    def test_the_error_sits_on_the_language_it_was_made_in(self):
        response = self.save(text_en="See [the city](www.dortmund.de).")
        assert self.errors_of(response, "text_en")
        assert not self.errors_of(response, "text_de")

    def test_script_and_data_links_are_refused_with_a_message(self):
        for href in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hallo"]:
            with self.subTest(href=href):
                response = self.save(text_de=f"[Klick]({href})")
                assert "nicht erlaubt" in self.errors_of(response, "text_de")

    def test_site_relative_link_must_reach_a_page_of_this_site(self):
        for href in ["/de/aktuelles/gibt-es-nicht/", "/de/nirgendwo/", "/de/seite/kontakt/"]:
            with self.subTest(href=href):
                response = self.save(text_de=f"Siehe [hier]({href}).")
                assert href in self.errors_of(response, "text_de")

    def test_links_to_live_pages_are_saved(self):
        text = (
            "[Fest](/de/aktuelles/fest/), [Ziele](/de/ziele), [Start](/de/), "
            "[Mail](mailto:a@example.org), [Web](https://www.dortmund.de/), "
            "[Anker](#oben), [Telefon](tel:+49231500)"
        )
        response = self.save(text_de=text)
        assert response.status_code == 302, self.errors_of(response, "text_de")
        self.notice.refresh_from_db()
        assert self.notice.text_de == text

    def test_mail_and_phone_links_without_scheme_work_for_visitors(self):
        response = self.save(text_de="[E-Mail](info@dortmund.de) und [Telefon](0231 50-0)")
        assert response.status_code == 302, self.errors_of(response, "text_de")
        page = main_of(self.client.get("/de/aktuelles/sprechstunde/"))
        assert '<a href="mailto:info@dortmund.de">E-Mail</a>' in page
        assert '<a href="tel:+49231500">Telefon</a>' in page

    def test_phone_links_are_in_international_form(self):
        html = render_markdown("[Zentrale](tel:0231 50-0) oder [Amt](+49 231 50-12345)")
        assert '<a href="tel:+49231500">Zentrale</a>' in html
        assert '<a href="tel:+492315012345">Amt</a>' in html

    def test_bare_web_addresses_become_links(self):
        html = render_markdown("Siehe https://www.dortmund.de/integration. Danke.")
        assert '<a href="https://www.dortmund.de/integration"' in html
        assert "</a>. Danke." in html
        # Not a link inside a link.
        linked = render_markdown("[https://www.dortmund.de/](https://www.dortmund.de/)")
        assert linked.count("<a ") == 1


class LinkCheckOutsideTheAdminTests(TestCase):
    def test_po_import_refuses_a_broken_link(self):
        from editorial.po_exchange import export_po, import_po

        notice = make_notice(slug="a", text_de="Text.")
        po = export_po("en", "https://example.org")
        for entry in po:
            if entry.msgctxt.endswith(f":{notice.pk}:text"):
                entry.msgstr = "See [here](/en/nowhere/)."
        result = import_po(str(po).encode(), "en")
        assert not result.ok
        assert any("/en/nowhere/" in str(error) for error in result.errors)
        assert Notice.objects.get(pk=notice.pk).text_en in ("", None)


@override_settings(DEBUG=False)
class ForeignLanguagePassageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        make_notice(
            slug="willkommen",
            text_de=(
                "Wir sagen [مرحبا بكم]{lang=ar} und [Hoş geldiniz]{lang=tr}; "
                '[kaputt]{lang="x-<script>"} und <span lang="he" dir="ltr" onclick="x">שלום</span>.'
            ),
        )

    def test_passages_carry_lang_and_the_direction_of_their_script(self):
        page = main_of(self.client.get("/de/aktuelles/willkommen/"))
        assert '<span lang="ar" dir="rtl">مرحبا بكم</span>' in page
        assert '<span lang="tr" dir="ltr">Hoş geldiniz</span>' in page
        # Only valid language tags; the direction always follows the language.
        assert "<script" not in page and 'lang="x-' not in page
        assert '<span lang="he" dir="rtl">שלום</span>' in page


class MarkdownHelpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "r@example.org", "ein-langes-passwort"
        )
        cls.notice = make_notice()

    def setUp(self):
        self.client.force_login(self.editor)

    def test_every_markdown_field_links_to_the_help(self):
        form = self.client.get(f"/admin/pages/notice/{self.notice.pk}/change/")
        assert form.content.decode().count('href="/admin/markdown-help/"') == 2  # text_de, text_en

    def test_help_explains_links_lists_headings_and_other_languages_in_german(self):
        response = self.client.get("/admin/markdown-help/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Markdown" in page and "Überschrift" in page and "Liste" in page
        for syntax in ("https://", "mailto:", "tel:", "{lang=ar}"):
            assert syntax in page, syntax
        assert 'lang="ar" dir="rtl"' in page

    def test_help_is_for_staff_only(self):
        self.client.logout()
        assert self.client.get("/admin/markdown-help/").status_code == 302


class PreviewNamesLinkProblemsTests(TestCase):
    def test_the_preview_says_what_saving_would_refuse(self):
        editor = get_user_model().objects.create_superuser(
            "redaktion", "r@example.org", "ein-langes-passwort"
        )
        self.client.force_login(editor)
        response = self.client.post(
            "/admin/markdown-preview/",
            {"text": "[Stadt](www.dortmund.de)", "language": "de"},
            headers={"accept-language": "de"},
        )
        html = response.content.decode()
        assert html.startswith('<ul class="errorlist">')
        assert "https://www.dortmund.de" in html.split("</ul>", 1)[0]
        ok = self.client.post("/admin/markdown-preview/", {"text": "[Stadt](https://a.de/)"})
        assert "errorlist" not in ok.content.decode()
