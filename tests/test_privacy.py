"""Citizens' privacy: no public page sets a cookie, except the CSRF cookie of the one form."""

from django.conf import settings
from django.test import TestCase

from pages.models import FreePage

from .content import load_seed, make_notice
from .public_pages import internal_links

MAX_PAGES = 300
# The form for reporting a barrier needs its CSRF cookie: on its own page, and on the
# accessibility statement that shows it too. No other page may set any cookie.
FORM_PAGES = {
    "/de/barriere-melden/",
    "/en/report-a-barrier/",
    "/de/seite/barrierefreiheit/",
    "/en/page/barrierefreiheit/",
}


class PublicCookieTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        for number in range(12):  # enough for a second page of notices
            make_notice(slug=f"meldung-{number}", title_en=f"Notice {number}")
        # The seeded legal pages, published, so the footer links them.
        FreePage.objects.update(published=True)

    def test_crawling_every_public_page_in_both_languages_sets_no_cookie(self):
        queue, seen, pages = ["/de/", "/en/", "/"], set(), 0
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            self.client.cookies.clear()  # every page as a first visit
            response = self.client.get(url)
            assert response.status_code in {200, 301, 302}, url
            if url in FORM_PAGES:
                assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}, url
                # Never stored by the page cache, a browser or a proxy: the token is personal.
                assert response["Cache-Control"] == "private, no-store", url
            else:
                assert "Set-Cookie" not in response.headers, url
                assert not response.cookies, (url, response.cookies)
            if response.status_code in {301, 302}:
                queue.append(response["Location"])
            elif response["Content-Type"].startswith("text/html"):
                pages += 1
                queue.extend(internal_links(url, response.content.decode()))
        assert len(seen) < MAX_PAGES, "the crawl should end by itself"
        # Home, focus areas, goals, two pages of news, 13 notices, three legal pages, the
        # picture credits and the form for reporting a barrier, twice.
        assert pages >= 2 * 22, "\n".join(sorted(seen))
        for url in [
            "/de/aktuelles/meldung-11/",
            "/en/notices/?page=2",
            "/de/aktuelles/meldung-0/",
            "/en/page/impressum/",
            "/de/seite/datenschutz/",
            "/en/picture-credits/",
            *FORM_PAGES,
        ]:
            assert url in seen
