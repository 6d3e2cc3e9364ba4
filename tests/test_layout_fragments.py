"""The layout's header and footer are kept per language, address and content version
(templates/base.html): a page that is not stored whole still skips their work, and an
edit or the clock shows in them at once."""

import re
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from miado_site.views import HomeView
from pages.models import FocusArea

from .content import make_focus_area, make_free_page, make_notice, make_profile


def footer(response):
    html = response.content.decode()
    return html[html.index("<footer") :]


class LayoutFragmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(name_de="Integrationszentrum")
        cls.imprint = make_free_page(title_de="Impressum", slug="impressum", show_in_footer=True)

    def queries(self, path):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path)
        assert response.status_code in (200, 404)
        return len(queries)

    def test_a_page_that_is_never_stored_reuses_header_and_footer(self):
        first = self.queries("/de/gibt-es-nicht/")
        assert self.queries("/de/gibt-es-nicht/") < first

    def test_an_edit_shows_in_the_footer_at_once(self):
        assert "Impressum" in footer(self.client.get("/de/gibt-es-nicht/"))
        self.imprint.title_de = "Anbieterkennzeichnung"
        self.imprint.save()
        assert "Anbieterkennzeichnung" in footer(self.client.get("/de/gibt-es-nicht/"))

    def test_a_scheduled_footer_page_appears_when_its_time_comes(self):
        now = timezone.now()
        make_free_page(
            title_de="Datenschutz",
            slug="datenschutz",
            show_in_footer=True,
            publish_from=now + timedelta(hours=1),
        )
        assert "Datenschutz" not in footer(self.client.get("/de/gibt-es-nicht/"))
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
            assert "Datenschutz" in footer(self.client.get("/de/gibt-es-nicht/"))

    def test_each_address_keeps_its_own_language_links(self):
        self.client.get("/de/schwerpunkte/")
        self.client.get("/en/goals/")
        html = self.client.get("/de/ziele/").content.decode()
        switcher = html[html.index('class="language-switcher"') :]
        switcher = switcher[: switcher.index("</nav>")]
        assert 'href="/en/goals/"' in switcher and 'aria-current="true">Deutsch' in switcher


@override_settings(PAGE_CACHE=False, ACCESSIBILITY_FEEDBACK_EMAIL="barrieren@example.org")
class MainFragmentTests(TestCase):
    """With the page cache off (an editor's visit, the first visit after a save), a page's
    head and main content are kept per language, address and content version too; what
    differs per visitor (a form's CSRF token, what staff see) is never shared."""

    @classmethod
    def setUpTestData(cls):
        make_profile(name_de="Integrationszentrum")
        make_focus_area(title_de="Elternarbeit")

    def queries(self, path, client=None):
        with CaptureQueriesContext(connection) as queries:
            response = (client or self.client).get(path)
        assert response.status_code == 200
        return len(queries)

    def test_a_second_render_of_the_home_page_asks_the_database_nothing(self):
        assert self.queries("/de/") > 0
        assert self.queries("/de/") == 0

    def test_an_edit_shows_in_the_main_content_at_once(self):
        area = FocusArea.objects.get()
        assert "Elternarbeit" in self.client.get("/de/").content.decode()
        area.title_de = "Bildung"
        area.save()
        assert "Bildung" in self.client.get("/de/").content.decode()

    def test_a_scheduled_notice_appears_on_the_home_page_when_its_time_comes(self):
        now = timezone.now()
        make_notice(title_de="Sommerfest", publish_from=now + timedelta(hours=1))
        assert "Sommerfest" not in self.client.get("/de/").content.decode()
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
            assert "Sommerfest" in self.client.get("/de/").content.decode()

    def test_each_visitor_of_a_form_page_gets_a_token_that_works(self):
        make_free_page(
            title_de="Barrierefreiheit", slug="barrierefreiheit", shows_feedback_form=True
        )
        for path in ("/de/barriere-melden/", "/de/seite/barrierefreiheit/"):
            for _visitor in range(2):
                client = Client(enforce_csrf_checks=True)
                page = client.get(path)
                token = re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
                )
                report = {
                    "name": "Erika Mustermann",
                    "email": "erika@example.org",
                    "page": "/de/",
                    "message": "Die Ziele lassen sich mit der Tastatur nicht erreichen.",
                    "csrfmiddlewaretoken": token[1],
                }
                assert client.post("/de/barriere-melden/", report).status_code == 302

    def test_staff_still_see_what_visitors_do_not(self):
        make_focus_area(title_de="Entwurf", published=False)
        assert "Entwurf" not in self.client.get("/de/schwerpunkte/").content.decode()
        staff = get_user_model().objects.create_user("redaktion", is_staff=True, is_superuser=True)
        self.client.force_login(staff)
        assert "Entwurf" in self.client.get("/de/schwerpunkte/").content.decode()
        self.client.logout()
        assert "Entwurf" not in self.client.get("/de/schwerpunkte/").content.decode()

    def test_the_outage_page_and_the_page_keep_apart(self):
        # The database is gone: the address answers the 503 page, which must neither show
        # the kept home page nor stay on it once the database is back.
        with mock.patch.object(HomeView, "get", side_effect=OperationalError("gone")):
            outage = self.client.get("/de/")
        assert outage.status_code == 503
        assert "Elternarbeit" not in outage.content.decode()
        assert "Elternarbeit" in self.client.get("/de/").content.decode()
        with mock.patch.object(HomeView, "get", side_effect=OperationalError("gone")):
            outage = self.client.get("/de/")
        assert outage.status_code == 503
        assert "Elternarbeit" not in outage.content.decode()


@override_settings(PAGE_CACHE=False)
class KeptFeedTests(TestCase):
    """The notices' feed is the same for every reader until the content or the clock changes
    it, so without the page cache it is kept per language and version like a main fragment:
    a feed reader polling it costs no queries, and a new notice shows at once."""

    @classmethod
    def setUpTestData(cls):
        make_profile(name_de="Integrationszentrum")
        make_notice(title_de="Sprachkurse", title_en="Language courses", slug="sprachkurse")

    def queries(self, path):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        return len(queries)

    def test_a_second_fetch_asks_the_database_nothing(self):
        assert self.queries("/de/aktuelles/feed.xml") > 0
        assert self.queries("/de/aktuelles/feed.xml") == 0

    def test_each_language_and_each_edit_shows_at_once(self):
        assert "Sprachkurse" in self.client.get("/de/aktuelles/feed.xml").content.decode()
        assert "Language courses" in self.client.get("/en/notices/feed.xml").content.decode()
        make_notice(title_de="Sommerfest", slug="sommerfest")
        assert "Sommerfest" in self.client.get("/de/aktuelles/feed.xml").content.decode()

    def test_a_scheduled_notice_appears_in_the_feed_when_its_time_comes(self):
        now = timezone.now()
        make_notice(title_de="Herbstfest", slug="herbstfest", publish_from=now + timedelta(hours=1))
        assert "Herbstfest" not in self.client.get("/de/aktuelles/feed.xml").content.decode()
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
            assert "Herbstfest" in self.client.get("/de/aktuelles/feed.xml").content.decode()
