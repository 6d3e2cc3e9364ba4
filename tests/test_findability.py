"""Findability: sitemap, robots.txt, the <head> of every page, JSON-LD and the Atom feed."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import AgencyProfile, FocusArea, FreePage, Notice, SignLanguagePage
from photos.models import Photo

from .content import (
    load_seed,
    make_focus_area,
    make_free_page,
    make_goal,
    make_masterplan,
    make_notice,
    make_photo,
    make_profile,
    notice_form,
)
from .public_pages import internal_links, make_public_site, public_pages

SITEMAP = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEEDED_NOTICE = "eroeffnung-friedensplatz"


class HeadParser(HTMLParser):
    """The <head> as search engines and link previews read it."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.in_title = False
        self.links = []
        self.meta = {}
        self.json_ld = []
        self.in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self.in_title = True
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta.setdefault(key, []).append(attributes.get("content"))
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self.in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "script":
            self.in_json_ld = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_json_ld:
            self.json_ld[-1] += data

    @property
    def canonical(self):
        urls = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(urls) == 1, urls
        return urls[0]

    @property
    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def head_of(response):
    assert response.status_code == 200, response
    parser = HeadParser()
    parser.feed(response.content.decode().split("</head>", 1)[0])
    return parser


def sitemap_entries(response):
    """{location: ({hreflang: href}, lastmod)} from sitemap.xml: the index's sections, each
    fetched (over HTTPS if the index was) and read in turn."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    entries = {}
    for section in root.findall("s:sitemap", SITEMAP):
        location = urlsplit(section.findtext("s:loc", namespaces=SITEMAP))
        path = f"{location.path}?{location.query}" if location.query else location.path
        section_entries = sitemap_entries(Client().get(path, secure=location.scheme == "https"))
        assert not set(section_entries) & set(entries)
        entries.update(section_entries)
    for url in root.findall("s:url", SITEMAP):
        location = url.findtext("s:loc", namespaces=SITEMAP)
        assert location not in entries, location
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP)
        }
        entries[location] = (alternates, url.findtext("s:lastmod", namespaces=SITEMAP))
    return entries


def feed_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    return root, root.findall("a:entry", ATOM)


def absolute(path):
    return f"http://testserver{path}"


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        now = timezone.now()
        make_notice(slug="nur-deutsch", title_de="Nur auf Deutsch", text_de="Kein Englisch.")
        # An English title alone is not an English page: the text would still be German.
        make_notice(slug="halb", title_de="Halb", title_en="Half", text_de="Nur deutscher Text.")
        make_notice(slug="entwurf", published=False, title_en="Draft", text_en="Draft.")
        make_notice(slug="geplant", publish_from=now + timedelta(days=1))
        make_notice(slug="abgelaufen", publish_until=now - timedelta(days=1))
        make_free_page(slug="hinweise", title_en="Imprint", body_en="Details.")
        make_free_page(slug="nur-deutsch-seite", title_de="Datenschutz", body_de="Entwurf.")
        make_free_page(slug="unveroeffentlicht", published=False)

    def test_every_public_page_is_listed_in_each_language_it_exists_in(self):
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert set(entries) == {
            absolute(path)
            for path in [
                "/de/",
                "/en/",
                "/de/schwerpunkte/",
                "/en/focus-areas/",
                "/de/ziele/",
                "/en/goals/",
                "/de/aktuelles/",
                "/en/notices/",
                f"/de/aktuelles/{SEEDED_NOTICE}/",
                f"/en/notices/{SEEDED_NOTICE}/",
                "/de/aktuelles/nur-deutsch/",
                "/de/aktuelles/halb/",
                "/de/seite/hinweise/",
                "/en/page/hinweise/",
                "/de/seite/nur-deutsch-seite/",
                "/de/bildnachweis/",
                "/en/picture-credits/",
                "/de/barriere-melden/",
                "/en/report-a-barrier/",
                "/de/leichte-sprache/",
                "/en/easy-read/",
                "/de/gebaerdensprache/",
                "/en/sign-language/",
            ]
        }

    def test_translated_pages_name_each_other_and_german_as_x_default(self):
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        expected = {
            "de": absolute(f"/de/aktuelles/{SEEDED_NOTICE}/"),
            "en": absolute(f"/en/notices/{SEEDED_NOTICE}/"),
            "x-default": absolute(f"/de/aktuelles/{SEEDED_NOTICE}/"),
        }
        assert entries[expected["de"]][0] == expected
        assert entries[expected["en"]][0] == expected
        assert entries[absolute("/en/focus-areas/")][0] == {
            "de": absolute("/de/schwerpunkte/"),
            "en": absolute("/en/focus-areas/"),
            "x-default": absolute("/de/schwerpunkte/"),
        }

    def test_pages_without_an_english_text_offer_no_english_alternate(self):
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        for path in [
            "/de/aktuelles/nur-deutsch/",
            "/de/aktuelles/halb/",
            "/de/seite/nur-deutsch-seite/",
        ]:
            assert entries[absolute(path)][0] == {"de": absolute(path), "x-default": absolute(path)}

    def test_a_list_whose_items_are_all_german_only_is_not_offered_in_english(self):
        FocusArea.objects.update(title_en="", text_en="")
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert absolute("/en/focus-areas/") not in entries
        assert set(entries[absolute("/de/schwerpunkte/")][0]) == {"de", "x-default"}
        # One English item makes the English list a page of its own again.
        make_focus_area(title_en="Advice", text_en="We advise.")
        assert absolute("/en/focus-areas/") in sitemap_entries(self.client.get("/sitemap.xml"))

    def test_lastmod_is_when_the_item_last_changed(self):
        Notice.objects.filter(slug="nur-deutsch").update(
            updated_at=timezone.make_aware(datetime(2025, 3, 4, 12))
        )
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert entries[absolute("/de/aktuelles/nur-deutsch/")][1] == "2025-03-04"
        today = timezone.localdate().isoformat()
        assert entries[absolute("/de/")][1] == today

    def test_each_pages_lastmod_is_the_last_updated_date_the_page_shows(self):
        # The photos a page shows count too; here they are its newest change.
        make_goal(photo=make_photo())
        Photo.objects.update(updated_at=timezone.now() + timedelta(days=3))
        cache.clear()
        for location, (_alternates, lastmod) in sitemap_entries(
            self.client.get("/sitemap.xml")
        ).items():
            page = self.client.get(location).content.decode()
            shown = re.search(r'class="last-updated">[^<]*<time datetime="([0-9-]+)"', page)
            assert (shown and shown[1]) == lastmod, location

    def test_an_edit_shows_in_the_sitemap_at_once(self):
        editor = get_user_model().objects.create_superuser("r", "r@example.org", "x" * 20)
        editors = Client()
        editors.force_login(editor)
        assert absolute("/en/notices/nur-deutsch/") not in sitemap_entries(
            self.client.get("/sitemap.xml")
        )
        notice = Notice.objects.get(slug="nur-deutsch")
        response = editors.post(
            f"/admin/pages/notice/{notice.pk}/change/",
            notice_form(notice, title_en="German only no more", text_en="Now in English."),
        )
        assert response.status_code == 302
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert absolute("/en/notices/nur-deutsch/") in entries

    def test_a_scheduled_notice_appears_when_its_time_comes(self):
        Notice.objects.filter(slug="geplant").update(publish_from=timezone.now())
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert absolute("/de/aktuelles/geplant/") in entries

    def test_the_sitemap_answers_over_https_with_https_addresses_and_sets_no_cookie(self):
        response = self.client.get("/sitemap.xml", secure=True)
        assert all(location.startswith("https://") for location in sitemap_entries(response))
        assert not response.cookies


class OptionalTextTests(TestCase):
    def test_a_page_without_its_optional_introduction_is_still_listed_in_its_languages(self):
        page = SignLanguagePage.objects.create(title_de="Gebärdensprache", title_en="Sign language")
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert absolute("/de/gebaerdensprache/") in entries
        assert absolute("/en/sign-language/") in entries
        head = HeadParser()
        head.feed(self.client.get("/en/sign-language/").content.decode())
        assert head.canonical == absolute("/en/sign-language/")
        # Once the German page has an introduction, the English one needs its own.
        page.intro_de = "Hier finden Sie Videos."
        page.save()
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert absolute("/de/gebaerdensprache/") in entries
        assert absolute("/en/sign-language/") not in entries


class SitemapCrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_public_site()

    def test_the_sitemap_lists_exactly_the_reachable_pages_that_are_their_own_canonical(self):
        # The sitemap's page list and the links a visitor follows are kept apart; a page
        # added to one and forgotten in the other fails here. Pages beyond a list's first
        # and search results (addresses with a query) are left to the links.
        own = set()
        for url in public_pages(self.client):
            response = self.client.get(url)
            if response.status_code != 200 or "?" in url:
                continue
            head = HeadParser()
            head.feed(response.content.decode())
            if head.canonical == absolute(url):
                own.add(head.canonical)
        assert set(sitemap_entries(self.client.get("/sitemap.xml"))) == own


class SitemapQueryTests(TestCase):
    def make_items(self, numbers):
        for number in numbers:
            make_notice(slug=f"meldung-{number}", title_en=f"Notice {number}", text_en="Text.")
            make_free_page(slug=f"seite-{number}", title_en=f"Page {number}")
            make_focus_area(title_en=f"Area {number}", text_en="Text.")

    def queries(self):
        counts = []
        for url in ["/sitemap.xml", "/de/aktuelles/feed.xml"]:
            with CaptureQueriesContext(connection) as queries:
                assert self.client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    def test_the_sitemap_and_the_feed_cost_the_same_queries_however_much_content(self):
        make_profile()
        make_masterplan()
        self.make_items([0])
        counts = [self.queries()]
        self.make_items(range(1, 60))
        counts.append(self.queries())
        # The sitemap's index: how many notices and free pages and their latest change (one
        # query each), the profile and whether a free page shows the form, two for the cache's
        # schedule (asked once per content version, so the feed after it needs them no
        # more). The feed: the agency profile, the notices.
        assert counts == [[6, 2], [6, 2]]


class RobotsTests(TestCase):
    def test_robots_txt_allows_the_site_points_to_the_sitemap_and_keeps_out_of_the_admin(self):
        response = self.client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content.decode().splitlines() == [
            "User-agent: *",
            "Disallow: /admin/",
            "Sitemap: http://testserver/sitemap.xml",
        ]
        assert not response.cookies
        assert "Sitemap: https://testserver/sitemap.xml" in (
            self.client.get("/robots.txt", secure=True).content.decode()
        )

    @override_settings(ADMIN_URL="verwaltung-x7/")
    def test_a_custom_admin_address_is_not_announced(self):
        content = self.client.get("/robots.txt").content.decode()
        assert "verwaltung" not in content and "Disallow" not in content
        assert "Sitemap: http://testserver/sitemap.xml" in content


class HeadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        make_notice(slug="nur-deutsch", title_de="Nur auf Deutsch", text_de="Kein Englisch.")
        make_free_page(slug="nur-deutsch-seite", title_de="Datenschutz", body_de="Bald mehr.")
        for number in range(11):  # a second page of news
            make_notice(
                slug=f"meldung-{number}",
                title_de=f"Meldung {number}",
                text_de=f"Text {number}.",
                title_en=f"Notice {number}",
                text_en=f"Text {number}.",
            )

    def test_a_translated_page_is_its_own_canonical_and_names_every_language(self):
        for url in [f"/de/aktuelles/{SEEDED_NOTICE}/", f"/en/notices/{SEEDED_NOTICE}/"]:
            head = head_of(self.client.get(url))
            assert head.canonical == absolute(url)
            assert head.alternates == {
                "de": absolute(f"/de/aktuelles/{SEEDED_NOTICE}/"),
                "en": absolute(f"/en/notices/{SEEDED_NOTICE}/"),
                "x-default": absolute(f"/de/aktuelles/{SEEDED_NOTICE}/"),
            }
            assert head.one("og:url") == absolute(url)

    def test_an_english_page_with_german_text_says_so_and_points_search_engines_to_german(self):
        pages = {
            "/en/notices/nur-deutsch/": "/de/aktuelles/nur-deutsch/",
            "/en/page/nur-deutsch-seite/": "/de/seite/nur-deutsch-seite/",
        }
        for english, german in pages.items():
            response = self.client.get(english)
            assert "This text is only available in German." in response.content.decode()
            head = head_of(response)
            assert head.canonical == absolute(german)
            assert head.alternates == {}
            assert head.one("og:locale") == "de"
            german_head = head_of(self.client.get(german))
            assert german_head.canonical == absolute(german)
            assert german_head.alternates == {"de": absolute(german), "x-default": absolute(german)}
            assert "og:locale:alternate" not in german_head.meta
            assert 'class="fallback-note"' not in self.client.get(german).content.decode()

    def test_list_pages_keep_their_page_number_and_drop_other_parameters(self):
        cases = {
            "/de/aktuelles/": "/de/aktuelles/",
            "/de/aktuelles/?page=1": "/de/aktuelles/",
            "/de/aktuelles/?page=2": "/de/aktuelles/?page=2",
            "/en/notices/?page=2&utm_source=x": "/en/notices/?page=2",
            "/de/?utm_source=newsletter": "/de/",
        }
        for url, canonical in cases.items():
            with self.subTest(url=url):
                assert head_of(self.client.get(url)).canonical == absolute(canonical)
        assert head_of(self.client.get("/en/notices/?page=2")).alternates == {
            "de": absolute("/de/aktuelles/?page=2"),
            "en": absolute("/en/notices/?page=2"),
            "x-default": absolute("/de/aktuelles/?page=2"),
        }

    def test_open_graph_describes_the_page_its_language_and_its_photo(self):
        head = head_of(self.client.get("/en/"))
        assert head.one("og:type") == "website"
        assert head.one("og:title") == "MIA-DO – Municipal Integration Centre Dortmund"
        assert head.one("og:description").startswith("MIA-DO – Municipal Integration Centre")
        assert head.one("og:description") == head.one("description")
        assert head.one("og:url") == absolute("/en/")
        assert head.one("og:site_name") == "MIA-DO – Municipal Integration Centre Dortmund"
        assert head.one("og:locale") == "en"
        assert head.meta["og:locale:alternate"] == ["de"]
        image = head.one("og:image")
        assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
        assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "675")
        assert head.one("og:image:alt").startswith("Placeholder image: the photo")
        assert self.client.get(image.removeprefix("http://testserver")).status_code == 200
        notice = head_of(self.client.get(f"/de/aktuelles/{SEEDED_NOTICE}/"))
        assert notice.one("og:type") == "article"
        assert notice.one("og:title") == "Eröffnung der neuen Räume am Friedensplatz"
        assert notice.one("og:locale") == "de"

    def test_no_third_party_script_or_card_markup(self):
        content = self.client.get("/de/").content.decode()
        assert "twitter:" not in content
        assert "<script src" not in content

    def test_every_page_links_the_feed_of_its_language(self):
        for url, feed in [
            ("/de/ziele/", "/de/aktuelles/feed.xml"),
            ("/en/", "/en/notices/feed.xml"),
        ]:
            feeds = [
                link
                for link in head_of(self.client.get(url)).links
                if link.get("type") == "application/atom+xml"
            ]
            assert [(link["rel"], link["href"]) for link in feeds] == [("alternate", feed)]
        visible = self.client.get("/en/notices/").content.decode().split("<main", 1)[1]
        assert (
            '<a href="/en/notices/feed.xml" type="application/atom+xml">'
            "Subscribe to the news as an Atom feed</a>" in visible
        )

    def test_error_pages_carry_no_canonical(self):
        response = self.client.get("/de/gibt-es-nicht/")
        assert response.status_code == 404
        assert 'rel="canonical"' not in response.content.decode()


class TitleAndDescriptionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()
        for number in range(12):
            make_notice(
                slug=f"meldung-{number}",
                title_de=f"Meldung {number}",
                text_de=f"Inhalt der Meldung {number}.",
                title_en=f"Notice {number}" if number % 2 else "",
                text_en=f"Content of notice {number}." if number % 2 else "",
            )
        # The seed's Impressum, as editors will publish it (German and English).
        FreePage.objects.filter(slug="impressum").update(published=True)
        make_free_page(
            slug="hilfe", title_de="Hilfe", body_de="So finden Sie uns.", show_in_footer=True
        )

    def test_every_public_page_has_its_own_title_and_description(self):
        queue, seen, heads = ["/de/", "/en/"], set(), {}
        while queue and len(seen) < 200:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = self.client.get(url)
            if response["Content-Type"].startswith("text/html") and response.status_code == 200:
                heads[url] = head_of(response)
                queue.extend(internal_links(url, response.content.decode()))
        # Home, focus areas, goals, two pages of news (and ?page=1, the first again), 13
        # notices, 2 free pages, the picture credits, the barrier report form, Leichte
        # Sprache and sign language, twice.
        assert len(heads) == 2 * 25, sorted(heads)
        titles, descriptions = {}, {}
        for url, head in heads.items():
            title, description = head.title.strip(), head.one("description").strip()
            assert title and not title.startswith("–"), url
            assert description, url
            assert head.one("og:title") and head.one("og:description") == description, url
            assert head.canonical.startswith("http://testserver/"), url
            if head.canonical != absolute(url):
                continue  # a copy of the German page: not offered to search engines
            titles.setdefault(title, []).append(url)
            descriptions.setdefault(description, []).append(url)
        assert [urls for urls in titles.values() if len(urls) > 1] == []
        assert [urls for urls in descriptions.values() if len(urls) > 1] == []
        # Copies of other pages: ?page=1, six English notices and one free page that have
        # German text only.
        assert sum(len(urls) for urls in titles.values()) == 50 - 2 - 7


class OrganisationDataTests(TestCase):
    def json_ld(self, url):
        head = head_of(self.client.get(url))
        return [json.loads(data) for data in head.json_ld]

    def test_the_seeded_home_page_describes_the_agency_without_invented_facts(self):
        load_seed()
        assert AgencyProfile.objects.get().address == ""
        [data] = self.json_ld("/de/")
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "GovernmentOrganization"
        assert data["name"] == "MIA-DO-Kommunales Integrationszentrum Dortmund"
        assert data["alternateName"] == "MIA-DO-KI"
        assert data["url"] == "http://testserver/de/"
        assert data["parentOrganization"] == {
            "@type": "GovernmentOrganization",
            "name": "Stadt Dortmund",
        }
        for unknown in ["address", "email", "telephone"]:
            assert unknown not in data
        [english] = self.json_ld("/en/")
        assert english["name"] == "MIA-DO – Municipal Integration Centre Dortmund"
        assert english["parentOrganization"]["name"] == "City of Dortmund"
        assert english["url"] == "http://testserver/en/"

    def test_facts_the_editors_entered_are_included(self):
        make_profile(
            address="Friedensplatz 1\n44135 Dortmund",
            email="mia-do@example.org",
            phone="0231 50-0",
            parent_organisation_de="",
            hero_photo=make_photo(),
        )
        [data] = self.json_ld("/de/")
        assert data["address"] == "Friedensplatz 1, 44135 Dortmund"
        assert data["email"] == "mia-do@example.org"
        assert data["telephone"] == "0231 50-0"
        assert "parentOrganization" not in data
        assert data["image"].startswith("http://testserver/media/renditions/")

    def test_only_the_home_page_carries_it(self):
        load_seed()
        for url in ["/de/schwerpunkte/", "/en/goals/", f"/de/aktuelles/{SEEDED_NOTICE}/"]:
            assert self.json_ld(url) == []

    def test_editor_text_cannot_end_the_script_element(self):
        name = '</script><script>alert(1)</script> & <!-- "Zentrum"'
        make_profile(name_de=name, short_name="</SCRIPT>")
        content = self.client.get("/de/").content.decode()
        script = content.split('<script type="application/ld+json">', 1)[1]
        assert script.lower().count("</script") == 1
        [data] = self.json_ld("/de/")
        assert data["name"] == name
        assert data["alternateName"] == "</SCRIPT>"


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_profile(name_en="Integration Centre")
        now = timezone.now()
        cls.translated = make_notice(
            slug="offen",
            title_de="Wir haben geöffnet",
            text_de="Kommen Sie *vorbei*.",
            title_en="We are open",
            text_en="Do *drop in*.",
            date=now.date(),
        )
        cls.german = make_notice(slug="nur-deutsch", title_de="Nur Deutsch", text_de="Deutsch.")
        make_notice(slug="entwurf", published=False)
        make_notice(slug="geplant", publish_from=now + timedelta(hours=1))
        make_notice(slug="abgelaufen", publish_until=now - timedelta(hours=1))

    def test_each_language_has_its_feed_of_published_notices(self):
        root, entries = feed_entries(self.client.get("/en/notices/feed.xml"))
        assert root.get(XML_LANG) == "en"
        assert root.findtext("a:title", namespaces=ATOM) == "News – IZ"
        assert root.find("a:link[@rel='self']", ATOM).get("href") == absolute(
            "/en/notices/feed.xml"
        )
        assert root.find("a:link[@rel='alternate']", ATOM).get("href") == absolute("/en/notices/")
        assert root.findtext("a:author/a:name", namespaces=ATOM) == "Integration Centre"
        titles = [entry.findtext("a:title", namespaces=ATOM) for entry in entries]
        assert sorted(titles) == ["Nur Deutsch", "We are open"]
        german_root, german_entries = feed_entries(self.client.get("/de/aktuelles/feed.xml"))
        assert german_root.get(XML_LANG) == "de"
        assert sorted(entry.findtext("a:title", namespaces=ATOM) for entry in german_entries) == [
            "Nur Deutsch",
            "Wir haben geöffnet",
        ]

    def entry(self, url, slug):
        _root, entries = feed_entries(self.client.get(url))
        [entry] = [
            entry
            for entry in entries
            if entry.find("a:link", ATOM).get("href").endswith(f"/{slug}/")
        ]
        return entry

    def test_entries_carry_their_text_language_link_and_dates(self):
        entry = self.entry("/en/notices/feed.xml", "offen")
        assert entry.get(XML_LANG) is None  # the feed's own language
        assert entry.find("a:link", ATOM).get("href") == absolute("/en/notices/offen/")
        summary = entry.find("a:summary", ATOM)
        assert summary.get("type") == "html"
        assert summary.text == "<p>Do <em>drop in</em>.</p>"
        updated = entry.findtext("a:updated", namespaces=ATOM)
        assert updated == self.translated.updated_at.isoformat()
        fallback = self.entry("/en/notices/feed.xml", "nur-deutsch")
        assert fallback.get(XML_LANG) == "de"
        assert fallback.findtext("a:title", namespaces=ATOM) == "Nur Deutsch"

    def test_entry_ids_survive_edits_and_a_new_slug_and_differ_by_language(self):
        before = self.entry("/en/notices/feed.xml", "offen").findtext("a:id", namespaces=ATOM)
        german = self.entry("/de/aktuelles/feed.xml", "offen").findtext("a:id", namespaces=ATOM)
        assert before.startswith("urn:uuid:") and german != before
        Notice.objects.filter(pk=self.translated.pk).update(slug="geoeffnet")
        notice = Notice.objects.get(pk=self.translated.pk)
        notice.title_en = "We are open now"
        notice.save()
        after = self.entry("/en/notices/feed.xml", "geoeffnet")
        assert after.findtext("a:title", namespaces=ATOM) == "We are open now"
        assert after.findtext("a:id", namespaces=ATOM) == before

    def test_control_characters_pasted_into_a_notice_leave_the_feed_readable(self):
        # A word processor's manual line break is a vertical tab; XML 1.0 has no place for it.
        make_notice(slug="eingefuegt", title_de="Sprach\x0bcafé", text_de="Jeden \x1bMontag.")
        response = self.client.get("/de/aktuelles/feed.xml")
        assert response.status_code == 200
        entry = self.entry("/de/aktuelles/feed.xml", "eingefuegt")
        assert entry.findtext("a:title", namespaces=ATOM) == "Sprach café"
        assert entry.find("a:summary", ATOM).text == "<p>Jeden Montag.</p>"

    def test_the_feed_is_cached_sets_no_cookie_and_shows_an_edit_at_once(self):
        url = "/de/aktuelles/feed.xml"
        first = self.client.get(url)
        assert not first.cookies and "Set-Cookie" not in first.headers
        assert first["Cache-Control"] == "public, no-cache"
        with CaptureQueriesContext(connection) as queries:
            assert self.client.get(url).content == first.content
        assert len(queries) == 0
        self.german.title_de = "Neu betitelt"
        self.german.save()
        titles = [
            entry.findtext("a:title", namespaces=ATOM)
            for entry in feed_entries(self.client.get(url))[1]
        ]
        assert "Neu betitelt" in titles


@override_settings(ALLOWED_HOSTS=["testserver"])
class CachedHeadTests(TestCase):
    def test_a_cached_page_keeps_the_address_it_was_asked_for(self):
        make_profile()
        http = head_of(self.client.get("/de/"))
        https = head_of(self.client.get("/de/", secure=True))
        assert http.canonical == "http://testserver/de/"
        assert https.canonical == "https://testserver/de/"


@pytest.mark.third_language
class ThirdLanguageFindabilityTests(TestCase):
    """With Arabic switched on and nothing yet translated into it, nothing claims Arabic."""

    def test_untranslated_content_is_offered_in_german_and_english_only(self):
        load_seed()
        entries = sitemap_entries(self.client.get("/sitemap.xml"))
        assert entries and not [url for url in entries if "/ar/" in url]
        assert all("ar" not in alternates for alternates, _lastmod in entries.values())
        head = head_of(self.client.get(f"/ar/aktuelles/{SEEDED_NOTICE}/"))
        assert head.canonical == absolute(f"/de/aktuelles/{SEEDED_NOTICE}/")
        assert head.alternates == {}
        assert set(head_of(self.client.get("/de/")).alternates) == {"de", "en", "x-default"}
