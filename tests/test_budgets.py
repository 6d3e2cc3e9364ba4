"""
What a visit costs a citizen: a small home page, no script to download or run, and
nothing fetched from any other host (`make audit` reports the measured weights).
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import TestCase

from .public_pages import make_public_site, public_pages

HOME_PAGE_BUDGET = 50 * 1024  # bytes of HTML + CSS, uncompressed, photos excluded
# Data for machines (schema.org JSON-LD) is not a script anyone's browser runs.
DATA_SCRIPT_TYPES = {"application/ld+json"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class _Resources(HTMLParser):
    """Scripts, stylesheets and every address the browser loads by itself."""

    def __init__(self):
        super().__init__()
        self.scripts, self.stylesheets, self.loaded = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.scripts.append(attributes.get("src") or "inline script")
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"])
        for name, value in attrs:
            if not value:
                continue
            # A plain link to another site is fine: the browser only follows it when asked.
            if name in {"src", "poster", "data", "action"} or (name == "href" and tag != "a"):
                self.loaded.append(value)
            elif name in {"srcset", "imagesrcset"}:
                self.loaded += [candidate.split()[0] for candidate in value.split(",")]
            elif name == "style":
                self.loaded += [a or b for a, b in CSS_URL.findall(value)]
            elif tag == "meta" and value.startswith(("http://", "https://", "//")):
                self.loaded.append(value)  # og:image and the like: fetched by link previews


def resources(html):
    parser = _Resources()
    parser.feed(html)
    return parser


def foreign(base, addresses):
    """The addresses that lead to another host than the page's own."""
    return [
        address
        for address in addresses
        if urlsplit(urljoin(base, address)).scheme in {"http", "https"}
        and urlsplit(urljoin(base, address)).netloc != "testserver"
    ]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class PageBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_public_site()

    def test_the_home_page_weighs_at_most_50_kb_of_html_and_css(self):
        for url in ["/de/", "/en/"]:
            response = self.client.get(url)
            html = body(response)
            stylesheets = resources(html.decode()).stylesheets
            assert stylesheets, "the page is styled"
            css = [body(self.client.get(href)) for href in stylesheets]
            weight = len(html) + sum(len(sheet) for sheet in css)
            assert all(css), stylesheets
            assert weight <= HOME_PAGE_BUDGET, f"{url}: {weight} bytes of HTML and CSS"

    def test_no_public_page_has_a_script_or_loads_anything_from_another_host(self):
        checked_stylesheets = set()
        for url in public_pages(self.client):
            response = self.client.get(url)
            page = resources(response.content.decode())
            assert page.scripts == [], url
            assert foreign(f"http://testserver{url}", page.loaded) == [], url
            for href in set(page.stylesheets) - checked_stylesheets:
                checked_stylesheets.add(href)
                css = body(self.client.get(href)).decode()
                imported = [a or b for a, b in CSS_URL.findall(css)]
                assert foreign(f"http://testserver{href}", imported) == [], href
        assert checked_stylesheets

    def test_the_checks_notice_script_and_other_hosts(self):
        page = resources(
            '<script src="/static/app.js"></script><script type="application/ld+json">{}'
            '</script><img src="https://cdn.example.org/a.png" srcset="/a.png 1x, '
            '//fonts.example.net/b.png 2x"><a href="https://www.dortmund.de/">Stadt</a>'
            '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        )
        assert page.scripts == ["/static/app.js"]
        assert foreign("http://testserver/de/", page.loaded) == [
            "https://cdn.example.org/a.png",
            "//fonts.example.net/b.png",
            "https://cdn.example.org/x.css",
        ]
        assert CSS_URL.findall("a{background:url('https://x.example/y.png')}")
