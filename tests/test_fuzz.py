"""
Hostile and random input at every public route: the answer is 2xx, 3xx or 4xx, never a 500.

Bounded: a fixed number of examples per property, derandomised so a failure repeats.
"""

from urllib.parse import quote

from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from .content import make_free_page, make_notice, make_photo, make_profile

ROUTES = [
    "/",
    "/de/",
    "/en/",
    "/de/schwerpunkte/",
    "/en/focus-areas/",
    "/de/ziele/",
    "/en/goals/",
    "/de/aktuelles/",
    "/en/notices/",
    "/de/aktuelles/meldung/",
    "/en/notices/meldung/",
    "/de/seite/impressum/",
    "/en/page/impressum/",
    "/de/leichte-sprache/",
    "/en/easy-read/",
    "/de/gebaerdensprache/",
    "/en/sign-language/",
    "/de/suche/",
    "/en/search/",
    "/de/bildnachweis/",
    "/en/picture-credits/",
    "/de/barriere-melden/",
    "/en/report-a-barrier/",
    "/de/barriere-melden/danke/",
    "/de/aktuelles/feed.xml",
    "/en/notices/feed.xml",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
    "/media/photos/",
    "/static/css/site.css",
    "/admin/login/",
]
PREFIXES = [*ROUTES, "/de/aktuelles/", "/de/seite/", "/media/", "/static/", "/ar/", ""]

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None)

# Characters that trouble parsers: controls, NUL, separators, RTL marks, emoji, surrogates'
# neighbours, and the percent sign that starts an encoding.
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("%/\\.?#&=;:@+ \t\x00\x7f\u202e\ufeff<>\"'")),
    ),
    max_size=40,
)
percent_noise = st.lists(
    st.sampled_from(
        ["%", "%0", "%zz", "%00", "%2e%2e/", "%c0%af", "%ff", "%25", "%2F", "..", "//"]
    ),
    max_size=4,
).map("".join)


def as_header(text):
    """What a WSGI server hands Django: the header's bytes read as Latin-1."""
    return text.encode().decode("latin-1")


class FuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(hero_photo=make_photo())
        make_notice()
        make_free_page()

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def assert_no_server_error(self, path, **extra):
        response = self.client.get(path, **extra)
        assert response.status_code < 500, (path, extra, response.status_code)

    @FUZZ
    @given(
        prefix=st.sampled_from(PREFIXES), text=hostile_text, noise=percent_noise, raw=st.booleans()
    )
    def test_random_paths_slugs_and_encodings(self, prefix, text, noise, raw):
        if raw:  # the bytes a server passes on, not unquoted by the test client
            self.assert_no_server_error(prefix, PATH_INFO=as_header(prefix + noise + text))
        else:
            self.assert_no_server_error(prefix + noise + quote(text.encode(), safe="/%"))

    @FUZZ
    @given(
        route=st.sampled_from(ROUTES),
        query=st.one_of(hostile_text, percent_noise),
        pair=st.sampled_from(["page=", "page=-1&", "page=99999999999999999999&", "page=1e9&", ""]),
    )
    def test_absurd_query_strings(self, route, query, pair):
        self.assert_no_server_error(route, QUERY_STRING=as_header(query * 3))
        self.assert_no_server_error(route, QUERY_STRING=pair + quote(query * 50))

    @FUZZ
    @given(
        route=st.sampled_from(ROUTES),
        language=hostile_text,
        host=hostile_text,
        cookie=hostile_text,
    )
    def test_garbage_accept_language_host_and_cookie_headers(self, route, language, host, cookie):
        self.assert_no_server_error(route, HTTP_ACCEPT_LANGUAGE=as_header(language))
        self.assert_no_server_error(route, HTTP_HOST=as_header(host))
        self.assert_no_server_error(
            route, HTTP_COOKIE=as_header(f"sessionid={cookie}; csrftoken={cookie}; {cookie}")
        )
