"""A page whose slug changes keeps its old addresses: a 301 straight to where it is now."""

from django.contrib.auth import get_user_model
from django.test import Client, TestCase, override_settings

from pages.models import Notice

from .content import make_notice, make_profile, notice_form


@override_settings(DEBUG=False)
class SlugRedirectTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile()
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "r@example.org", "ein-langes-passwort"
        )
        cls.notice = make_notice(slug="a", title_de="Sprechstunde", title_en="Office hours")

    def setUp(self):
        self.editor_client = Client()
        self.editor_client.force_login(self.editor)

    def rename(self, slug):
        notice = Notice.objects.get(pk=self.notice.pk)
        response = self.editor_client.post(
            f"/admin/pages/notice/{notice.pk}/change/", notice_form(notice, slug=slug)
        )
        assert response.status_code == 302

    def assert_moved(self, old, new):
        response = self.client.get(old)
        assert response.status_code == 301, (old, response.status_code)
        assert response["Location"] == new
        assert self.client.get(new).status_code == 200

    def test_old_address_leads_to_the_new_one_in_both_languages(self):
        self.rename("b")
        self.assert_moved("/de/aktuelles/a/", "/de/aktuelles/b/")
        self.assert_moved("/en/notices/a/", "/en/notices/b/")
        followed = self.client.get("/de/aktuelles/a/?utm=x", follow=True)
        assert followed.redirect_chain == [("/de/aktuelles/b/?utm=x", 301)]
        assert "Sprechstunde" in followed.content.decode()

    def test_repeated_renames_go_straight_to_the_current_address(self):
        self.rename("b")
        self.rename("c")
        self.assert_moved("/de/aktuelles/a/", "/de/aktuelles/c/")
        self.assert_moved("/de/aktuelles/b/", "/de/aktuelles/c/")

    def test_renaming_back_does_not_loop(self):
        self.rename("b")
        self.rename("c")
        self.rename("a")
        assert self.client.get("/de/aktuelles/a/").status_code == 200
        self.assert_moved("/de/aktuelles/b/", "/de/aktuelles/a/")
        self.assert_moved("/de/aktuelles/c/", "/de/aktuelles/a/")

    def test_an_old_address_never_shadows_a_live_page(self):
        self.rename("b")
        make_notice(slug="a", title_de="Neue Meldung")
        response = self.client.get("/de/aktuelles/a/")
        assert response.status_code == 200
        assert "Neue Meldung" in response.content.decode()

    def test_a_cached_page_moves_too(self):
        assert self.client.get("/de/aktuelles/a/").status_code == 200  # now in the page cache
        self.rename("b")
        self.assert_moved("/de/aktuelles/a/", "/de/aktuelles/b/")

    def test_unpublished_or_deleted_pages_are_not_redirected_to(self):
        self.rename("b")
        Notice.objects.filter(pk=self.notice.pk).update(published=False)
        assert self.client.get("/de/aktuelles/a/").status_code == 404
        Notice.objects.filter(pk=self.notice.pk).delete()
        assert self.client.get("/de/aktuelles/a/").status_code == 404


class HostileAddressTests(TestCase):
    def test_an_address_with_a_nul_character_is_a_plain_404(self):
        # PostgreSQL refuses NUL in a query; no old address can hold one.
        assert self.client.get("/de/%00/").status_code == 404
