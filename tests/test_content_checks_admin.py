"""The content checks where editors and operators meet them: the "Prüfungen" panel of every
change form, the report "Inhaltsprüfung", its command, and the duties banner and checks."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.test import TestCase, override_settings

from content_checks.duties import open_duties
from content_checks.reports import checked_models
from editorial.roles import TRANSLATORS
from pages.models import FreePage

from .content import (
    load_seed,
    make_focus_area,
    make_free_page,
    make_notice,
    make_photo,
    notice_form,
)
from .test_admin import AdminTestCase

HARD_GERMAN = (
    "Die Weiterentwicklung integrationspolitischer Handlungskonzepte erfordert "
    "interkommunale Koordinationsstrukturen."
)


class _Section(HTMLParser):
    """The HTML of the first <section> with `css_class`, as the server sent it."""

    def __init__(self, css_class):
        super().__init__(convert_charrefs=False)
        self.css_class, self.depth, self.start, self.end = css_class, 0, None, None

    def handle_starttag(self, tag, attrs):
        if tag != "section" or self.end is not None:
            return
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth, self.start = 1, self.getpos()

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.end = self.getpos()


def section(response, css_class):
    assert response.status_code == 200
    content = response.content.decode()
    parser = _Section(css_class)
    parser.feed(content)
    if parser.start is None:
        return ""
    lines = content.splitlines(keepends=True)

    def offset(position):
        line, column = position
        return sum(len(text) for text in lines[: line - 1]) + column

    return content[offset(parser.start) : offset(parser.end)]


def panel(response):
    return section(response, "content-checks")


class PanelTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"

    def test_a_change_form_shows_the_checks_per_language_in_german(self):
        notice = make_notice(
            text_de=f"Wir sind da. {HARD_GERMAN}\n\nMehr dazu [hier](https://example.org/).",
            title_en="Party",
            text_en="We are here.",
        )
        found = panel(self.client.get(f"/admin/pages/notice/{notice.pk}/change/"))
        assert '<h2 id="content-checks-heading">Prüfungen</h2>' in found
        assert ">Deutsch</h3>" in found and ">Englisch</h3>" in found
        assert "<dt>Wörter</dt>" in found and "<dt>Lesezeit</dt>" in found
        assert "<dt>Flesch-Amstad</dt>" in found and "<dt>Wiener Sachtextformel</dt>" in found
        assert "<dt>Flesch-Lesbarkeitsindex</dt>" in found
        assert "schwer</strong>" in found
        assert f'<q lang="de">{HARD_GERMAN}</q>' in found
        assert "Barrierefreiheit (1)" in found and '<q lang="de">hier</q>' in found
        assert "Übersetzung (" in found
        assert "<script" not in found and "style=" not in found

    def test_no_text_in_a_language_says_visitors_see_the_german(self):
        focus_area = make_focus_area()
        found = panel(self.client.get(f"/admin/pages/focusarea/{focus_area.pk}/change/"))
        assert "Noch kein Text in dieser Sprache" in found

    def test_every_translated_model_has_the_panel_and_the_add_form_does_not(self):
        photo = make_photo(alt_text_de="Bild von einem Haus")
        found = panel(self.client.get(f"/admin/photos/photo/{photo.pk}/change/"))
        assert "Prüfungen" in found and "Bild von" in found
        assert panel(self.client.get("/admin/pages/notice/add/")) == ""
        user = get_user_model().objects.get()
        assert panel(self.client.get(f"/admin/auth/user/{user.pk}/change/")) == ""

    def test_every_seeded_object_of_every_translated_model_shows_the_panel(self):
        load_seed()
        checked = set()
        for model in checked_models():
            for obj in model._default_manager.all():
                url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
                found = panel(self.client.get(url))
                assert ">Prüfungen</h2>" in found and ">Englisch</h3>" in found, url
                checked.add(model._meta.label_lower)
        assert {"pages.easyreadpage", "goals.goal", "photos.photo", "pages.freepage"} <= checked

    def test_hints_never_block_saving(self):
        notice = make_notice()
        shouting = "BITTE BEACHTEN SIE DAS. " + " ".join(["Wort"] * 30) + "."
        response = self.client.post(
            f"/admin/pages/notice/{notice.pk}/change/", notice_form(notice, text_de=shouting)
        )
        assert response.status_code == 302
        notice.refresh_from_db()
        assert notice.text_de == shouting
        found = panel(self.client.get(f"/admin/pages/notice/{notice.pk}/change/"))
        assert "Großbuchstaben" in found and "Satz mit 30 Wörtern" in found


class ReportTests(AdminTestCase):
    URL = "/admin/content-report/"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_notice(
            title_de="Sommerfest",
            slug="fest",
            text_de=HARD_GERMAN,
            title_en="Summer party",
            text_en="We have a party.",
        )
        make_notice(title_de="Entwurf", slug="entwurf", published=False)
        make_focus_area(
            title_de="Beratung", text_de="Wir beraten. Klicken Sie [hier](https://example.org/)."
        )

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"

    def rows(self, query=""):
        response = self.client.get(self.URL + query)
        assert response.status_code == 200
        content = response.content.decode()
        return [
            (re.sub(r"<[^>]+>", "", first).strip(), language)
            for first, language in re.findall(
                r'<th scope="row" lang="[a-z-]+">(.*?)</th>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>',
                content,
                re.S,
            )
        ], content

    def test_every_published_text_in_each_language_with_scores_and_hints(self):
        rows, content = self.rows()
        assert ("Sommerfest", "Deutsch") in rows and ("Summer party", "Englisch") in rows
        assert ("Beratung", "Deutsch") in rows and ("Beratung", "Englisch") not in rows
        assert not any(name == "Entwurf" for name, _language in rows)
        assert "<h1>Inhaltsprüfung</h1>" in content
        assert "Flesch-Amstad" in content and "(schwer)" in content
        assert "Linktext" in content

    def test_filtered_by_language_and_kind(self):
        rows, _content = self.rows("?language=en")
        assert rows == [("Summer party", "Englisch")]
        rows, content = self.rows("?kind=pages.focusarea")
        assert rows == [("Beratung", "Deutsch")]
        assert '<option value="pages.focusarea" selected>' in content

    def test_sorted_by_a_column_both_ways(self):
        rows, content = self.rows("?language=de&o=words")
        assert [name for name, _ in rows] == ["Beratung", "Sommerfest"]
        words = [int(w) for w in re.findall(r"</td>\s*<td>(\d+)</td>", content)]
        assert words == sorted(words)
        assert 'aria-sort="ascending"' in content and "?language=de&amp;o=-words" in content
        _rows, content = self.rows("?language=de&o=-words")
        words = [int(w) for w in re.findall(r"</td>\s*<td>(\d+)</td>", content)]
        assert words == sorted(words, reverse=True)

    def test_only_staff_see_it(self):
        self.client.logout()
        response = self.client.get(self.URL)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_the_admin_index_links_to_it(self):
        assert 'href="/admin/content-report/"' in self.client.get("/admin/").content.decode()


class ReportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_notice(title_de="Sommerfest", slug="fest", text_de="Wir feiern heute alle zusammen.")
        make_focus_area(title_de="Beratung", text_de="Klicken Sie [hier](https://example.org/).")

    def run_command(self, *args):
        out = io.StringIO()
        call_command("content_report", *args, stdout=out)
        return out.getvalue()

    def test_prints_the_same_table_as_the_admin(self):
        output = self.run_command()
        lines = output.splitlines()
        assert lines[0].split() == [
            "kind",
            "object",
            "language",
            "words",
            "minutes",
            "scores",
            "hints",
        ]
        assert any(line.startswith("pages.notice") and "Sommerfest" in line for line in lines)
        assert "Flesch-Amstad" in output and "leicht" in output
        assert "hier" in self.run_command("--hints")
        assert "Sommerfest" not in self.run_command("--kind", "pages.focusarea")

    def test_fails_on_hints_when_asked_for_ci(self):
        with pytest.raises(CommandError):
            self.run_command("--fail-on-hints")
        self.run_command("--fail-on-hints", "--kind", "pages.notice")


@override_settings(ACCESSIBILITY_FEEDBACK_EMAIL="barrieren@example.org", PRODUCTION=False)
class DutyTests(AdminTestCase):
    DUTY_APPS = {"pages", "feedback", "miado_site", "content_checks"}

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
        for slug, title in [
            ("impressum", "Impressum"),
            ("datenschutz", "Datenschutzerklärung"),
            ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ]:
            make_free_page(slug=slug, title_de=title, body_de="Vollständig.")

    def banner(self):
        return section(self.client.get("/admin/"), "content-duties")

    def check_content(self):
        out, err = io.StringIO(), io.StringIO()
        call_command("check", tags=["content"], stdout=out, stderr=err, fail_level="WARNING")
        return out.getvalue()

    def test_nothing_open_no_banner_and_a_clean_check(self):
        assert self.banner() == ""
        assert "no issues" in self.check_content()

    def test_an_unpublished_legal_page_or_one_with_gaps(self):
        FreePage.objects.filter(slug="impressum").update(published=False)
        FreePage.objects.filter(slug="datenschutz").update(body_en="[Please add: name]")
        banner = self.banner()
        assert "Impressum ist nicht veröffentlicht." in banner
        assert "Datenschutzerklärung hat noch Lücken" in banner
        assert "Barrierefreiheit" not in banner
        with pytest.raises(SystemCheckError, match="pages.W001"):
            self.check_content()

    def test_a_missing_legal_page(self):
        FreePage.objects.filter(slug="barrierefreiheit").delete()
        assert "Erklärung zur Barrierefreiheit ist nicht veröffentlicht." in self.banner()

    @override_settings(ACCESSIBILITY_FEEDBACK_EMAIL="")
    def test_no_recipient_for_the_barrier_form(self):
        assert "keine Empfängeradresse" in self.banner()
        with pytest.raises(SystemCheckError, match="feedback.W001"):
            self.check_content()

    @override_settings(PRODUCTION=True, SECURITY_TXT_CONTACT="")
    def test_in_production_no_security_contact(self):
        assert "security.txt" in self.banner()
        with pytest.raises(SystemCheckError, match="miado_site.W001"):
            self.check_content()

    @override_settings(PRODUCTION=True, SECURITY_TXT_CONTACT="mailto:security@example.org")
    def test_in_production_with_a_security_contact(self):
        assert self.banner() == ""

    @override_settings(ACCESSIBILITY_FEEDBACK_EMAIL="")
    def test_plain_check_and_deploy_check_never_report_duties(self):
        FreePage.objects.all().delete()
        # What plain `check`, `check --deploy`, `migrate` and `runserver` run.
        found = checks.run_checks(include_deployment_checks=True)
        assert [m.id for m in found if m.id.split(".")[0] in self.DUTY_APPS] == []
        assert {m.id for m in open_duties()} == {"pages.W001", "feedback.W001"}


class PreviewTests(AdminTestCase):
    URL = "/admin/content-checks/"

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"

    def test_checks_the_text_as_typed_before_it_is_saved(self):
        notice = make_notice(text_de="Wir feiern am 3. Mai.", title_en="Party", text_en="We party.")
        response = self.client.post(
            self.URL,
            {
                "content_checks_model": "pages.notice",
                "content_checks_pk": str(notice.pk),
                "text_en": "We party on 3 May. Read more [here](https://example.org/).",
            },
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert ">Deutsch</h3>" in content and ">Englisch</h3>" in content
        assert '<q lang="en">here</q>' in content
        # The German comes from the saved notice, which the form did not send.
        assert "Zahlen oder Daten" not in content
        notice.refresh_from_db()
        assert notice.text_en == "We party."

    def test_a_new_object_is_checked_from_the_form_alone(self):
        response = self.client.post(
            self.URL,
            {
                "content_checks_model": "pages.focusarea",
                "content_checks_pk": "",
                "text_de": "HALLO AN ALLE HIER.",
            },
        )
        assert "Großbuchstaben" in response.content.decode()

    def test_only_staff_only_post_only_translated_models(self):
        assert self.client.get(self.URL).status_code == 405
        assert self.client.post(self.URL, {"content_checks_model": "auth.user"}).status_code == 400
        assert self.client.post(self.URL, {"content_checks_model": "nonsense"}).status_code == 400
        self.client.logout()
        assert (
            self.client.post(self.URL, {"content_checks_model": "pages.notice"}).status_code == 403
        )

    def test_the_panel_offers_it_with_a_script_file_and_no_inline_script(self):
        notice = make_notice()
        found = panel(self.client.get(f"/admin/pages/notice/{notice.pk}/change/"))
        assert 'data-content-checks-preview="/admin/content-checks/"' in found
        assert 'data-model="pages.notice"' in found
        assert re.findall(r"<script[^>]*>", found) == []
        content = self.client.get(f"/admin/pages/notice/{notice.pk}/change/").content.decode()
        assert '<script src="/static/js/content-checks.js"></script>' in content


class TranslatorTests(TestCase):
    def setUp(self):
        translator = get_user_model().objects.create_user(
            "uebersetzung", "u@example.org", "ein-langes-passwort", is_staff=True
        )
        translator.groups.add(Group.objects.get(name=TRANSLATORS))
        self.client.force_login(translator)
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"

    def test_a_translator_sees_the_panel_and_checks_a_translation_against_the_saved_german(self):
        notice = make_notice(text_de="Am 3. Mai um 14 Uhr.", title_en="Party", text_en="In May.")
        found = panel(self.client.get(f"/admin/pages/notice/{notice.pk}/change/"))
        assert "Zahlen oder Daten im deutschen Text" in found
        # The German is read-only for translators: the form sends only the English.
        response = self.client.post(
            "/admin/content-checks/",
            {
                "content_checks_model": "pages.notice",
                "content_checks_pk": str(notice.pk),
                "text_en": "On 3 May at 14:00.",
            },
        )
        assert response.status_code == 200
        assert "Zahlen oder Daten" not in response.content.decode()
