"""
Every public page of a seeded site, found the way a visitor finds them: by following links
from each language's home page. The accessibility, reflow and budget tests all walk this
one list, so a page another part of the site adds is checked as soon as it is linked.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import Client

from pages.models import FreePage

from .content import load_seed, make_goal, make_notice, make_photo

# A bound, so a page that links to endless generated URLs fails instead of hanging.
MAX_PAGES = 80
# Pages no link leads to, which a visitor still meets.
EXTRA_URLS = [
    "/de/gibt-es-nicht/",  # the 404 page, in both languages
    "/en/does-not-exist/",
    "/de/suche/?q=Integration",  # search results: only the header's form leads there
    "/en/search/?q=integration",
    "/de/suche/?q=",  # the search page before a search
    "/en/search/?q=",
    "/de/suche/?q=gibtesnicht",  # and with nothing found
    "/en/search/?q=nothingfound",
]
# What every crawl must find, in both languages: home, sections, a notice on the second
# page of news, a notice whose English falls back to German, the legal pages from the
# footer (the accessibility statement with its feedback form), the picture credits, and
# the Leichte Sprache and sign language pages from the header.
CORE_PAGES = [
    "/de/",
    "/en/",
    "/de/schwerpunkte/",
    "/en/focus-areas/",
    "/de/ziele/",
    "/en/goals/",
    "/de/aktuelles/",
    "/en/notices/",
    "/de/aktuelles/?page=2",
    "/en/notices/?page=2",
    "/de/aktuelles/nur-deutsch/",
    "/en/notices/nur-deutsch/",
    "/de/seite/impressum/",
    "/en/page/impressum/",
    "/de/seite/datenschutz/",
    "/en/page/datenschutz/",
    "/de/seite/barrierefreiheit/",
    "/en/page/barrierefreiheit/",
    "/de/barriere-melden/",
    "/en/report-a-barrier/",
    "/de/bildnachweis/",
    "/en/picture-credits/",
    "/de/leichte-sprache/",
    "/en/easy-read/",
    "/de/gebaerdensprache/",
    "/en/sign-language/",
]


def make_public_site():
    """The seed content, plus what makes every kind of page appear at least once."""
    load_seed()
    # A photo below the fold (lazy), besides the seed's hero photo.
    make_goal(photo=make_photo(alt_text_en="A house", caption_en="The house"))
    # Enough notices for a second page of news; the last one only in German.
    for number in range(10):
        make_notice(
            slug=f"meldung-{number}",
            title_de=f"Meldung {number}",
            title_en=f"Notice {number}",
            text_en="Text of the notice.",
        )
    make_notice(slug="nur-deutsch", title_de="Nur auf Deutsch", date="2000-01-01")
    # The seed's legal pages are drafts until editors fill them in: published here, as
    # they will be, so that the footer links them.
    for page in FreePage.objects.filter(slug__in=["impressum", "datenschutz", "barrierefreiheit"]):
        page.published = True
        page.save()


class _Links(HTMLParser):
    """Every address a page names: (tag, attribute, value) of each href and src."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.links += [(tag, name, value) for name, value in attrs if name in {"href", "src"}]


def _same_site(url, html, keep):
    """The same-site addresses among a page's links that `keep(tag, attribute)` picks,
    made absolute, without fragments."""
    parser = _Links()
    parser.feed(html)
    for tag, attribute, link in parser.links:
        if not link or not keep(tag, attribute):
            continue
        parts = urlsplit(urljoin(f"http://testserver{url}", urldefrag(link).url))
        if parts.scheme in {"http", "https"} and parts.netloc == "testserver":
            yield parts.path, parts.path + (f"?{parts.query}" if parts.query else "")


def _skipped(path):
    return path.startswith(
        (f"/{settings.ADMIN_URL}", settings.MEDIA_URL, settings.STATIC_URL, "/.well-known/")
    )


def page_links(url, html):
    """Same-site links of a page, without fragments, feeds' and files' addresses kept out."""
    for path, address in _same_site(url, html, lambda tag, attribute: tag == "a"):
        if not _skipped(path):
            yield address


def internal_links(url, html):
    """Every same-site address a page names (links, stylesheets, images), but the admin."""
    for path, address in _same_site(url, html, lambda tag, attribute: True):
        if not path.startswith(f"/{settings.ADMIN_URL}"):
            yield address


def public_pages(client=None):
    """The URL of every public HTML page reached from /de/ and /en/, plus the extra ones."""
    client = client or Client()
    queue, seen, pages = ["/de/", "/en/"], set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in {301, 302}:
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, (url, response.status_code)
        if not response["Content-Type"].startswith("text/html"):
            continue  # a feed, sitemap or file: not a page to look at
        pages.append(url)
        queue.extend(page_links(url, response.content.decode()))
    unvisited = set(queue) - seen
    assert not unvisited, f"more than {MAX_PAGES} addresses; not visited: {sorted(unvisited)}"
    missing = [url for url in CORE_PAGES if url not in pages]
    assert not missing, f"the crawl missed {missing}; it found {pages}"
    pages += EXTRA_URLS
    return pages
