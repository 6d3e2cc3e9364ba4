"""The layout's header and footer are kept per language, address and content version
(templates/base.html): a page that is not stored whole still skips their work, and an
edit or the clock shows in them at once."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .content import make_free_page, make_profile


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
