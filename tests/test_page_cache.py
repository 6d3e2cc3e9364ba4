import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from editorial.page_cache import bump_content_version, stamp_file
from goals.models import Goal
from pages.models import Notice

from .content import make_goal, make_notice, make_profile, notice_form


def form_with_token(request):
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def sets_a_cookie(request):
    response = HttpResponse("Hallo")
    response.set_cookie("gemerkt", "1")
    return response


# Used by the tests below that need pages the site itself does not have.
urlpatterns = i18n_patterns(
    path("formular/", form_with_token),
    path("keks/", sets_a_cookie),
)


class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            "redaktion", "redaktion@example.org", "ein-langes-passwort"
        )
        make_profile()
        cls.notice = make_notice(slug="sprechzeiten", title_de="Alte Sprechzeiten")

    def setUp(self):
        self.editor_client = Client()
        self.editor_client.force_login(self.editor)

    def test_rows_loaded_with_loaddata_show_at_once(self):
        url = f"/de/aktuelles/{self.notice.slug}/"
        assert "Alte Sprechzeiten" in self.client.get(url).content.decode()
        fixture = Path(self.enterContext(tempfile.TemporaryDirectory())) / "notice.json"
        rows = json.loads(serializers.serialize("json", [self.notice]))
        rows[0]["fields"]["title_de"] = "Neue Sprechzeiten"
        fixture.write_text(json.dumps(rows))
        call_command("loaddata", str(fixture), verbosity=0)
        assert "Neue Sprechzeiten" in self.client.get(url).content.decode()

    def queries_for(self, url, **kwargs):
        with CaptureQueriesContext(self.connection) as queries:
            response = self.client.get(url, **kwargs)
        return response, len(queries)

    @property
    def connection(self):
        from django.db import connection

        return connection

    def test_second_anonymous_request_is_served_from_the_cache(self):
        first = self.client.get("/de/aktuelles/")
        assert "Alte Sprechzeiten" in first.content.decode()
        with self.assertNumQueries(0):
            second = self.client.get("/de/aktuelles/")
        assert second.status_code == 200
        assert second.content == first.content
        assert second["Content-Type"] == "text/html; charset=utf-8"
        assert second["Content-Language"] == "de"

    def test_each_language_and_query_string_is_its_own_page(self):
        self.client.get("/de/aktuelles/")
        english, queries = self.queries_for("/en/notices/")
        assert queries > 0 and english["Content-Language"] == "en"
        _response, queries = self.queries_for("/de/aktuelles/?page=1")
        assert queries > 0

    def test_cached_pages_carry_public_revalidation_headers_and_no_cookie(self):
        for attempt in ["miss", "hit"]:
            with self.subTest(attempt=attempt):
                response = self.client.get("/de/")
                assert response["Cache-Control"] == "public, no-cache"
                assert response["ETag"].startswith('"')
                assert not response.has_header("Vary")
                assert not response.cookies
                assert response["X-Content-Type-Options"] == "nosniff"

    def test_matching_etag_gets_304_without_a_body(self):
        etag = self.client.get("/de/")["ETag"]
        with self.assertNumQueries(0):
            response = self.client.get("/de/", headers={"if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == "public, no-cache"
        assert self.client.get("/de/", headers={"if-none-match": '"alt"'}).status_code == 200

    def test_etag_changes_when_the_content_does(self):
        etag = self.client.get("/de/")["ETag"]
        self.notice.title_de = "Neue Sprechzeiten"
        self.notice.save()
        response = self.client.get("/de/", headers={"if-none-match": etag})
        assert response.status_code == 200
        assert "Neue Sprechzeiten" in response.content.decode()

    def test_head_is_answered_from_the_cache_and_on_a_miss(self):
        head = self.client.head("/de/aktuelles/sprechzeiten/")
        assert head.status_code == 200 and head.content == b""
        # A miss answers with the same validators a GET would get, and fills the cache.
        assert head["Cache-Control"] == "public, no-cache"
        with self.assertNumQueries(0):
            get = self.client.get("/de/aktuelles/sprechzeiten/")
        assert get["ETag"] == head["ETag"]
        assert "Sprechzeiten" in get.content.decode()
        with self.assertNumQueries(0):
            head = self.client.head("/de/aktuelles/sprechzeiten/")
        assert head.status_code == 200
        assert head.content == b""
        assert head["ETag"] == get["ETag"]

    def test_logged_in_editors_are_never_served_or_stored_in_the_cache(self):
        self.client.get("/de/")  # cached for visitors
        response = self.editor_client.get("/de/")
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert not response.has_header("ETag")

        self.client.get("/en/")
        Notice.objects.filter(pk=self.notice.pk).update(title_en="Only for editors")
        # The update bypassed the signals: visitors still get the cached page, editors never.
        assert "Only for editors" not in self.client.get("/en/").content.decode()
        assert "Only for editors" in self.editor_client.get("/en/").content.decode()

    def test_an_editors_page_is_not_stored_for_visitors(self):
        self.editor_client.get("/de/schwerpunkte/")
        _response, queries = self.queries_for("/de/schwerpunkte/")
        assert queries > 0

    def test_admin_and_the_root_redirect_are_not_cached(self):
        response = self.client.get("/", headers={"accept-language": "en"})
        assert response["Location"] == "/en/"
        assert "Accept-Language" in response["Vary"]
        assert self.client.get("/", headers={"accept-language": "de"})["Location"] == "/de/"
        admin = self.editor_client.get("/admin/")
        assert "no-store" in admin["Cache-Control"] and "private" in admin["Cache-Control"]

    def test_not_found_is_not_cached(self):
        self.client.get("/de/aktuelles/kommt-noch/")
        make_notice(slug="kommt-noch", title_de="Jetzt da")
        response = self.client.get("/de/aktuelles/kommt-noch/")
        assert response.status_code == 200 and "Jetzt da" in response.content.decode()

    def test_editing_in_the_admin_shows_at_once(self):
        assert (
            "Alte Sprechzeiten" in self.client.get("/de/aktuelles/sprechzeiten/").content.decode()
        )
        assert "Alte Sprechzeiten" in self.client.get("/de/").content.decode()
        response = self.editor_client.post(
            f"/admin/pages/notice/{self.notice.pk}/change/",
            notice_form(self.notice, title_de="Neue Sprechzeiten", text_de="Ab sofort."),
        )
        assert response.status_code == 302, response.content.decode()
        assert (
            "Neue Sprechzeiten" in self.client.get("/de/aktuelles/sprechzeiten/").content.decode()
        )
        assert "Neue Sprechzeiten" in self.client.get("/de/").content.decode()

    def test_deleting_in_the_admin_shows_at_once(self):
        assert self.client.get("/de/aktuelles/sprechzeiten/").status_code == 200
        assert "Alte Sprechzeiten" in self.client.get("/de/aktuelles/").content.decode()
        response = self.editor_client.post(
            f"/admin/pages/notice/{self.notice.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302
        assert self.client.get("/de/aktuelles/sprechzeiten/").status_code == 404
        assert "Alte Sprechzeiten" not in self.client.get("/de/aktuelles/").content.decode()

    def test_a_change_in_the_goals_app_invalidates_too(self):
        goal = make_goal(text_de="Erstes Ziel")
        assert "Erstes Ziel" in self.client.get("/de/ziele/").content.decode()
        Goal.objects.get(pk=goal.pk).delete()
        assert "Erstes Ziel" not in self.client.get("/de/ziele/").content.decode()

    def test_bump_content_version_invalidates_changes_made_without_signals(self):
        self.client.get("/de/aktuelles/")
        Notice.objects.filter(pk=self.notice.pk).update(title_de="Umsortiert")
        assert "Umsortiert" not in self.client.get("/de/aktuelles/").content.decode()
        bump_content_version()
        assert "Umsortiert" in self.client.get("/de/aktuelles/").content.decode()

    def test_a_change_made_by_another_worker_invalidates(self):
        # Another Gunicorn worker has its own local-memory cache; it can only touch the stamp.
        self.client.get("/de/")
        stamp = stamp_file()
        stamp.touch()
        later = os.stat(stamp).st_mtime_ns + 1_000_000_000
        os.utime(stamp, ns=(later, later))
        _response, queries = self.queries_for("/de/")
        assert queries > 0

    def test_a_scheduled_notice_appears_and_disappears_on_time(self):
        start = timezone.make_aware(datetime(2030, 5, 1, 9, 0))
        make_notice(
            slug="termin",
            title_de="Geplanter Termin",
            publish_from=start,
            publish_until=start + timedelta(days=1),
        )

        def notices_at(moment):
            with mock.patch.object(timezone, "now", return_value=moment):
                return self.client.get("/de/aktuelles/").content.decode()

        assert "Geplanter Termin" not in notices_at(start - timedelta(hours=1))
        with self.assertNumQueries(0):
            assert "Geplanter Termin" not in notices_at(start - timedelta(minutes=1))
        assert "Geplanter Termin" in notices_at(start)
        with self.assertNumQueries(0):
            assert "Geplanter Termin" in notices_at(start + timedelta(hours=23))
        assert "Geplanter Termin" not in notices_at(start + timedelta(days=1))

    @override_settings(PAGE_CACHE=False)
    def test_the_cache_can_be_switched_off(self):
        self.client.get("/de/")
        self.notice.title_de = "Neue Sprechzeiten"
        self.notice.save()
        # Rendered again (its head and main kept per version: tests/test_layout_fragments.py),
        # not served as a stored page.
        response, queries = self.queries_for("/de/")
        assert queries > 0
        assert not response.has_header("ETag")


@override_settings(ROOT_URLCONF="tests.test_page_cache")
class UncachableResponseTests(TestCase):
    def test_a_page_with_a_csrf_token_is_not_cached(self):
        first = self.client.get("/de/formular/").content
        assert self.client.get("/de/formular/").content != first

    def test_a_response_setting_a_cookie_is_not_cached(self):
        self.client.get("/de/keks/")
        response = self.client.get("/de/keks/")
        assert response.cookies["gemerkt"].value == "1"
        assert not response.has_header("ETag")


class SitemapCacheTests(TestCase):
    """The sitemap's sections, outside the language prefix, are kept like the pages they
    list: a page of 1,000 notices is a fraction of a second of work (`make bench`)."""

    def test_the_sitemap_is_served_from_the_cache_until_an_edit(self):
        make_notice(slug="sprechzeiten", title_de="Sprechzeiten")
        assert (
            "/de/aktuelles/sprechzeiten/"
            in self.client.get("/sitemap-notices.xml").content.decode()
        )
        with self.assertNumQueries(0):
            response = self.client.get("/sitemap-notices.xml")
        assert "/de/aktuelles/sprechzeiten/" in response.content.decode()
        make_notice(slug="sommerfest", title_de="Sommerfest")
        assert (
            "/de/aktuelles/sommerfest/" in self.client.get("/sitemap-notices.xml").content.decode()
        )
