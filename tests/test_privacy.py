"""Citizens' privacy: no public page sets a cookie."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import TestCase

from .content import make_free_page, make_notice
from .test_seed import load_seed

MAX_PAGES = 300
# The one kind of public page that may set a cookie: a form's page sets the CSRF cookie
# its form needs (the accessibility feedback form). Paths, in every language; nothing else.
COOKIE_ALLOWED_PATHS: set[str] = set()


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def internal_links(page_url, html):
    collector = LinkCollector()
    collector.feed(html)
    for link in collector.links:
        parts = urlsplit(urljoin(f"http://testserver{page_url}", urldefrag(link).url))
        if parts.netloc == "testserver" and not parts.path.startswith(f"/{settings.ADMIN_URL}"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


class PublicCookieTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        for number in range(12):  # enough for a second page of notices
            make_notice(slug=f"meldung-{number}", title_en=f"Notice {number}")
        make_free_page(show_in_footer=True, title_en="Imprint")

    def test_crawling_every_public_page_in_both_languages_sets_no_cookie(self):
        queue, seen, pages = ["/de/", "/en/", "/"], set(), 0
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = self.client.get(url)
            assert response.status_code in {200, 301, 302}, url
            if urlsplit(url).path in COOKIE_ALLOWED_PATHS:
                assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}, url
                self.client.cookies.clear()
            else:
                assert "Set-Cookie" not in response.headers, url
                assert not response.cookies, (url, response.cookies)
            if response.status_code in {301, 302}:
                queue.append(response["Location"])
            elif response["Content-Type"].startswith("text/html"):
                pages += 1
                queue.extend(internal_links(url, response.content.decode()))
        assert not self.client.cookies
        assert len(seen) < MAX_PAGES, "the crawl should end by itself"
        # Home, focus areas, goals, two pages of news, 13 notices and a free page, twice.
        assert pages >= 2 * 19, "\n".join(sorted(seen))
        for url in [
            "/de/aktuelles/meldung-11/",
            "/en/notices/?page=2",
            "/de/aktuelles/meldung-0/",
            "/en/page/impressum/",
        ]:
            assert url in seen
