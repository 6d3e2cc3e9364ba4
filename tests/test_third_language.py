"""
A third language follows from settings alone: run with tests.settings_third_language
(`make test` does so in its second pass).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from pages.models import Notice

from .content import load_seed

pytestmark = pytest.mark.third_language


class ThirdLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_the_new_language_has_its_own_prefix_direction_and_switcher_entry(self):
        response = self.client.get("/ar/")
        content = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="ar" dir="rtl">' in content
        assert '<a href="/ar/" lang="ar" hreflang="ar" aria-current="true">العربيّة</a>' in content
        assert '<a href="/de/" lang="de" hreflang="de">Deutsch</a>' in content
        assert '<a href="/en/" lang="en" hreflang="en">English</a>' in content

    def test_untranslated_content_falls_back_to_german_marked_as_german(self):
        content = self.client.get("/ar/").content.decode()
        assert '<h1 lang="de">MIA-DO-Kommunales Integrationszentrum Dortmund</h1>' in content
        assert '<li lang="de">Konzeption und Umsetzung kommunaler Integrationspolitik' in content

    def test_browser_language_leads_to_the_new_language(self):
        response = self.client.get("/", headers={"accept-language": "ar"})
        assert response["Location"] == "/ar/"

    def test_every_section_exists_in_the_new_language(self):
        # Until translators add locale/ar, paths and UI strings fall back to German.
        with translation.override("ar"):
            urls = [
                reverse("pages:focus-areas"),
                reverse("goals:goal-list"),
                reverse("pages:notice-list"),
                Notice.objects.get().get_absolute_url(),
            ]
        for url in urls:
            with self.subTest(url=url):
                assert url.startswith("/ar/")
                response = self.client.get(url)
                assert response.status_code == 200
                assert '<html lang="ar" dir="rtl">' in response.content.decode()

    def test_the_admin_offers_a_tab_for_the_new_language_and_saves_it(self):
        editor = get_user_model().objects.create_superuser("r", "r@example.org", "pw-lang-genug")
        self.client.force_login(editor)
        notice = Notice.objects.get()
        form = self.client.get(f"/admin/pages/notice/{notice.pk}/change/").content.decode()
        assert 'name="title_ar"' in form and 'name="text_ar"' in form
        response = self.client.post(
            f"/admin/pages/notice/{notice.pk}/change/",
            {
                "title_de": notice.title_de,
                "title_en": notice.title_en,
                "title_ar": "افتتاح المكتب الجديد",
                "slug": notice.slug,
                "date": "",
                "text_de": notice.text_de,
                "text_en": notice.text_en,
                "text_ar": "",
                "published": "on",
            },
        )
        assert response.status_code == 302
        with translation.override("ar"):
            url = notice.get_absolute_url()
        content = self.client.get(url).content.decode()
        assert "<h1>افتتاح المكتب الجديد</h1>" in content
        # The text itself is still German, and says so.
        assert '<div class="rich-text" lang="de">' in content


# Page coordinates of an element's box, for comparing the two directions.
BOX = "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right}; }"


@pytest.mark.browser
class RightToLeftBrowserTests:
    """The logical properties of site.css mirror the layout with no stylesheet of its own."""

    def header_layout(self, page, url):
        page.goto(url)
        return {
            "dir": page.evaluate("document.documentElement.dir"),
            "width": page.evaluate("document.documentElement.clientWidth"),
            "site_name": page.locator(".site-name").evaluate(BOX),
            "switcher": page.locator(".language-switcher").evaluate(BOX),
            "first_nav_item": page.locator(".main-nav li").first.evaluate(BOX),
            "last_nav_item": page.locator(".main-nav li").last.evaluate(BOX),
        }

    def test_the_arabic_header_is_the_german_one_mirrored(self, page):
        load_seed()
        page.set_viewport_size({"width": 1280, "height": 800})

        german = self.header_layout(page, "/de/")
        arabic = self.header_layout(page, "/ar/")

        assert (german["dir"], arabic["dir"]) == ("ltr", "rtl")
        width = german["width"]

        def mirrored(box):
            return {"left": width - box["right"], "right": width - box["left"]}

        # German: the name starts at the left; Arabic: at the right.
        assert german["site_name"]["left"] < width / 4
        assert arabic["site_name"]["right"] > width * 3 / 4
        # Every part of the header sits where the German one is, mirrored (±1 px: the
        # boxes' fractions round). The navigation starts on the right: "Home" first.
        # Words differ in width (Arabic has no catalogue yet, so "City of Dortmund" and
        # "Home" stay English; the current language is bold), so only the edge towards
        # the window's side counts.
        site_name = arabic["site_name"]["right"]
        assert abs(site_name - mirrored(german["site_name"])["right"]) <= 1
        assert abs(arabic["switcher"]["left"] - mirrored(german["switcher"])["left"]) <= 1
        home = arabic["first_nav_item"]["right"]
        assert abs(home - mirrored(german["first_nav_item"])["right"]) <= 1
        assert arabic["first_nav_item"]["left"] > arabic["last_nav_item"]["left"]
