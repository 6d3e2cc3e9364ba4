"""
While the database is unreachable, visitors get a notice in the site's design with
503 and Retry-After, and the site comes back by itself. `make soak` stops a real
PostgreSQL server for this; here every query fails as it does then.
"""

from unittest import mock

from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import TestCase

from .content import make_focus_area, make_free_page, make_notice, make_profile

PUBLIC_PAGES = [
    "/de/",
    "/de/schwerpunkte/",
    "/de/ziele/",
    "/de/aktuelles/",
    "/de/aktuelles/sprachkurse/",
    "/de/seite/impressum/",
    "/en/",
    "/en/focus-areas/",
    "/en/goals/",
    "/en/notices/",
    "/en/notices/sprachkurse/",
    "/en/page/impressum/",
]


def database_down(error=None):
    """Every query fails, as when the database server is stopped or unreachable."""
    error = error or OperationalError("server closed the connection unexpectedly")
    return mock.patch.object(connection, "cursor", side_effect=error)


class DatabaseUnavailableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(name_de="Kommunales Integrationszentrum Dortmund")
        make_focus_area(title_de="Sprachförderung", title_en="Language support")
        make_notice(slug="sprachkurse")
        make_free_page(slug="impressum", show_in_footer=True)

    def test_every_public_page_answers_503_with_retry_after(self):
        with database_down():
            for path in PUBLIC_PAGES:
                response = self.client.get(path)
                assert response.status_code == 503, path
                assert response["Retry-After"] == "30", path
                # Nobody between the visitor and the site may keep the notice.
                assert "no-store" in response["Cache-Control"], path

    def test_the_notice_is_in_the_site_design_and_in_german(self):
        with database_down():
            response = self.client.get("/de/schwerpunkte/")
        page = response.content.decode()
        assert '<html lang="de"' in page
        assert "<h1>Vorübergehend nicht erreichbar</h1>" in page
        assert "Bitte versuchen Sie es in einer Minute noch einmal." in page
        assert "/static/css/site.css" in page
        assert 'href="/de/ziele/"' in page  # the main navigation
        assert 'href="/en/focus-areas/"' in page  # the language switcher
        assert "Traceback" not in page
        assert "OperationalError" not in page

    def test_the_notice_speaks_the_language_of_the_address(self):
        with database_down():
            response = self.client.get("/en/notices/sprachkurse/")
        page = response.content.decode()
        assert response.status_code == 503
        assert '<html lang="en"' in page
        assert "<h1>Temporarily unavailable</h1>" in page
        assert 'href="/de/aktuelles/sprachkurse/"' in page

    def test_a_connection_closed_under_the_site_is_handled_alike(self):
        with database_down(InterfaceError("the connection is closed")):
            response = self.client.get("/de/")
        assert response.status_code == 503
        assert "Vorübergehend nicht erreichbar" in response.content.decode()

    def test_the_site_recovers_by_itself_when_the_database_is_back(self):
        with database_down():
            assert self.client.get("/de/").status_code == 503
        response = self.client.get("/de/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Kommunales Integrationszentrum Dortmund" in page
        assert "Sprachförderung" in page
        assert "Vorübergehend nicht erreichbar" not in page

    def test_a_programming_error_is_not_passed_off_as_an_outage(self):
        # A bug must reach the 500 handler and the admins' error report.
        with database_down(IntegrityError("duplicate key")):
            with self.assertRaises(IntegrityError):
                self.client.get("/de/")
