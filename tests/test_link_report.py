"""Dead links are found: a report lists them, and deleting a page that others link to warns."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from pages.models import Notice

from .content import make_focus_area, make_free_page, make_notice, make_profile

REPORT = "/admin/editorial/oldaddress/broken-links/"


@override_settings(DEBUG=False)
class BrokenLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "r@example.org", "ein-langes-passwort"
        )
        cls.notice = make_notice(slug="fest", title_de="Sommerfest")
        cls.page = make_free_page(
            slug="kontakt",
            title_de="Kontakt",
            body_de="Siehe [das Fest](/de/aktuelles/fest/).",
            body_en="See [the party](https://testserver/en/notices/fest/#programm).",
        )
        cls.area = make_focus_area(title_de="Beratung", text_de="[Start](/de/) ist da.")

    def setUp(self):
        self.client.force_login(self.editor)

    def delete_notice(self):
        response = self.client.post(
            f"/admin/pages/notice/{self.notice.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302
        assert not Notice.objects.filter(pk=self.notice.pk).exists()

    def test_report_lists_a_link_once_its_target_is_deleted(self):
        before = self.client.get(REPORT)
        assert before.status_code == 200
        assert 'id="broken-links-none"' in before.content.decode()
        self.delete_notice()
        page = self.client.get(REPORT).content.decode()
        table = page.split('id="broken-links"', 1)[1].split("</table>", 1)[0]
        assert '<th scope="col">' in table
        assert f'href="/admin/pages/freepage/{self.page.pk}/change/"' in table
        assert "/de/aktuelles/fest/" in table and "/en/notices/fest/" in table
        assert "Deutsch" in table and "Englisch" in table
        assert "Beratung" not in table

    def test_command_lists_broken_links_and_fails(self):
        call_command("check_links", stdout=io.StringIO())  # all links work: no error
        self.delete_notice()
        out = io.StringIO()
        with pytest.raises(CommandError):
            call_command("check_links", stdout=out)
        assert "Kontakt" in out.getvalue() and "/de/aktuelles/fest/" in out.getvalue()

    def test_deleting_a_linked_page_names_the_pages_that_link_to_it(self):
        response = self.client.get(f"/admin/pages/notice/{self.notice.pk}/delete/")
        warning = response.content.decode().split('id="incoming-links"', 1)[1]
        warning = warning.split("</section>", 1)[0]
        assert f'href="/admin/pages/freepage/{self.page.pk}/change/"' in warning
        assert "Kontakt" in warning

    def test_bulk_delete_warns_too(self):
        other = make_notice(slug="anderes", title_de="Anderes")
        response = self.client.post(
            "/admin/pages/notice/",
            {"action": "delete_selected", "_selected_action": [self.notice.pk, other.pk]},
        )
        assert response.status_code == 200
        assert 'id="incoming-links"' in response.content.decode()
        assert f"/admin/pages/freepage/{self.page.pk}/change/" in response.content.decode()

    def test_no_warning_for_a_page_nobody_links_to(self):
        other = make_notice(slug="anderes", title_de="Anderes")
        response = self.client.get(f"/admin/pages/notice/{other.pk}/delete/")
        assert 'id="incoming-links"' not in response.content.decode()


class SeedReportsBrokenLinksTests(TestCase):
    def test_load_seed_names_a_link_that_leads_nowhere(self):
        make_free_page(slug="kontakt", title_de="Kontakt", body_de="[Weg](/de/seite/weg/)")
        err = io.StringIO()
        call_command("load_seed", stdout=io.StringIO(), stderr=err)
        assert "/de/seite/weg/" in err.getvalue() and "Kontakt" in err.getvalue()


class ReportPermissionTests(TestCase):
    def test_editors_see_the_report_translators_do_not(self):
        from django.contrib.auth.models import Group

        from editorial.roles import EDITORS, TRANSLATORS

        users = get_user_model().objects
        editor = users.create_user("r", "r@example.org", "ein-langes-passwort", is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITORS))
        translator = users.create_user("t", "t@example.org", "ein-langes-passwort", is_staff=True)
        translator.groups.add(Group.objects.get(name=TRANSLATORS))
        self.client.force_login(editor)
        assert self.client.get(REPORT).status_code == 200
        assert self.client.get("/admin/editorial/oldaddress/").status_code == 200
        self.client.force_login(translator)
        assert self.client.get(REPORT).status_code == 403
