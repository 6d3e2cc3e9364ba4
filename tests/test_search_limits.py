"""What a search may ask of the server: a client that searches faster than a person reads
gets a 429 in the site's design, counted across workers; an address too long to be a
search gets the site's own 414 page, also behind real Gunicorn."""

import contextlib
import tempfile
import unittest
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import TestCase, override_settings

from .live_server import browser, gunicorn, manage, production_env


def clear_counters():
    caches["counters"].clear()


@override_settings(SEARCH_RATE="3/60s")
class SearchRateTests(TestCase):
    def setUp(self):
        clear_counters()
        self.addCleanup(clear_counters)

    def test_past_the_limit_a_429_in_the_sites_design_and_language_says_when_to_retry(self):
        for _search in range(3):
            assert self.client.get("/de/suche/", {"q": "Integration"}).status_code == 200
        response = self.client.get("/de/suche/", {"q": "Integration"})
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        html = response.content.decode()
        assert '<html lang="de"' in html
        assert "Zu viele Suchanfragen" in html
        assert 'href="/de/aktuelles/"' in html  # the site's own header and navigation
        assert "private" in response["Cache-Control"]
        # The same address in English: counted alike, answered in English.
        response = self.client.get("/en/search/", {"q": "Integration"})
        assert response.status_code == 429
        assert "Too many searches" in response.content.decode()

    def test_other_pages_and_other_addresses_are_not_limited(self):
        for _search in range(4):
            self.client.get("/de/suche/", {"q": "Integration"})
        assert self.client.get("/de/aktuelles/").status_code == 200
        response = self.client.get("/de/suche/", {"q": "x"}, REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 200


class QueryStringLengthTests(TestCase):
    def test_an_address_too_long_for_a_search_gets_the_sites_414_page(self):
        response = self.client.get("/en/search/", {"q": "x" * 5000})
        assert response.status_code == 414
        html = response.content.decode()
        assert "Search too long" in html and '<html lang="en"' in html
        assert 'id="search-page-q"' in html
        response = self.client.get("/de/suche/", {"q": "ä" * 1000})  # 6 bytes each, encoded
        assert response.status_code == 414
        assert "Suche zu lang" in response.content.decode()

    def test_the_longest_search_the_form_sends_is_answered(self):
        response = self.client.get("/de/suche/", {"q": "🎉" * 200})
        assert response.status_code == 200


@pytest.fixture(scope="class")
def two_servers(request):
    """Two Gunicorn instances of this checkout on one host and one data folder, as the
    workers of one instance share it, with a limit of four searches a minute."""
    cls = request.cls
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        tmp = Path(tmp)
        env = production_env(tmp, DJANGO_SEARCH_RATE="4/60s")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_seed", "-v0")
        cls.log = tmp / "gunicorn.log"
        cls.a = servers.enter_context(gunicorn(env, cls.log))
        cls.b = servers.enter_context(gunicorn(env, cls.log))
        cls.visitor = browser()
        yield


@pytest.mark.usefixtures("two_servers")
class BehindGunicornTests(unittest.TestCase):
    def search(self, base_url, path="/de/suche/?q=Integration"):
        return self.visitor.get(base_url + path, timeout=10)

    def test_searches_are_counted_across_processes(self):
        statuses = [self.search(server).status_code for server in [self.a, self.b] * 3]
        assert statuses == [200, 200, 200, 200, 429, 429], self.log.read_text()[-2000:]
        response = self.search(self.a, "/en/search/?q=Integration")
        assert response.status_code == 429
        assert "Too many searches" in response.text
        assert int(response.headers["Retry-After"]) > 0

    def test_an_overlong_search_gets_the_sites_page_not_gunicorns(self):
        response = self.search(self.b, "/en/search/?q=" + "x" * 6000)
        assert response.status_code == 414
        assert "Search too long" in response.text
        assert '<html lang="en"' in response.text
