from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from editorial.page_cache import bump_content_version
from goals.models import Goal
from pages.models import (
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)
from photos.models import Photo

from .content import make_masterplan, make_notice, make_photo, make_profile

# Queries per page on a cache miss: the page's own, the header and footer (agency profile,
# footer pages) and two that find the next scheduled change (for the page cache and the
# cached header and footer; asked once per content version).
BUDGET = {
    "/de/": 8,
    "/de/schwerpunkte/": 5,
    "/de/ziele/": 6,
    "/de/aktuelles/": 6,
    "/de/aktuelles/meldung-1/": 5,
    "/de/seite/seite-1/": 5,
    "/de/bildnachweis/": 5,
    # Never stored; its own: the profile and the statement's link.
    "/de/barriere-melden/": 5,
    "/de/leichte-sprache/": 5,
    "/de/gebaerdensprache/": 6,
    # One more than the page: is it the old address of a renamed page (editorial/redirects.py)?
    "/de/gibt-es-nicht/": 5,
    # The accessibility statement with its form: a free page that is never stored.
    "/de/seite/barrierefreiheit/": 5,
    "/de/barriere-melden/danke/": 4,
    # Search matches every item of every kind; never stored: one query of the search index,
    # two per kind of content that matched (which of them are public; those on the page),
    # two for the next scheduled change (when the results kept for a minute run out), and
    # on PostgreSQL one that marks the matches.
    "/de/suche/?q=Text": 17 + (connection.vendor == "postgresql"),
    "/de/aktuelles/feed.xml": 4,
    # The index of the sitemap's sections: how many notices and free pages and their latest
    # change (one query each), the profile and whether a free page shows the barrier form,
    # and two for the next scheduled change; kept by the page cache like a page.
    "/sitemap.xml": 6,
    # A page of a section: the count that pages it, its items (and for free pages the
    # profile), and the two for the next scheduled change; the pages section asks each page.
    "/sitemap-notices.xml": 4,
    "/sitemap-free-pages.xml": 5,
    "/sitemap-pages.xml": 16,
    "/en/": 8,
}


def make_content(count):
    """`count` items of every kind the public pages list, each goal with its own photo."""
    photo = make_photo()
    make_profile(hero_photo=photo)
    masterplan = make_masterplan()
    photos = Photo.objects.bulk_create(
        Photo(
            image=photo.image.name,
            width=64,
            height=48,
            alt_text_de=f"Bild {i}",
            caption_de=f"Bildunterschrift {i}",
            credit_name="Erika Muster",
            renditions=photo.renditions,
        )
        for i in range(count)
    )
    Goal.objects.bulk_create(
        Goal(masterplan=masterplan, text_de=f"Ziel {i}", order=i, photo=photos[i])
        for i in range(count)
    )
    FocusArea.objects.bulk_create(
        FocusArea(title_de=f"Schwerpunkt {i}", text_de=f"Text {i}", order=i) for i in range(count)
    )
    Notice.objects.bulk_create(
        Notice(title_de=f"Meldung {i}", slug=f"meldung-{i}", text_de=f"Text {i}")
        for i in range(1, count + 1)
    )
    FreePage.objects.bulk_create(
        FreePage(title_de=f"Seite {i}", slug=f"seite-{i}", body_de=f"Text {i}", show_in_footer=True)
        for i in range(1, count + 1)
    )
    FreePage.objects.create(
        title_de="Barrierefreiheit",
        slug="barrierefreiheit",
        body_de="Text",
        shows_feedback_form=True,
    )
    EasyReadPage.objects.create(title_de="Leichte Sprache", body_de="Text.")
    SignLanguagePage.objects.create(title_de="Gebärdensprache", intro_de="Text.")
    SignLanguageVideo.objects.bulk_create(
        SignLanguageVideo(
            title_de=f"Video {i}",
            video=f"sign-language/video-{i}.mp4",
            captions=f"sign-language/video-{i}.vtt",
            poster=photo.image.name,
            transcript_de=f"Text {i}",
            order=i,
        )
        for i in range(count)
    )
    # Rows made in bulk send no signals: the search index is rebuilt as the contract says.
    bump_content_version()


class QueryBudget:
    count = None

    @classmethod
    def setUpTestData(cls):
        make_content(cls.count)

    def test_every_public_page_costs_the_same_queries_however_much_content(self):
        counts = {}
        goals_page = self.client.get("/de/ziele/").content.decode()
        assert goals_page.count('<source type="image/webp"') == self.count
        for url in BUDGET:
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            assert response.status_code == (404 if "gibt-es-nicht" in url else 200), url
            counts[url] = len(queries)
        assert counts == BUDGET


class OneOfEachTests(QueryBudget, TestCase):
    count = 1


class TwoHundredOfEachTests(QueryBudget, TestCase):
    count = 200


class TeaserTests(TestCase):
    def test_teasers_show_the_markdown_as_html_cut_after_40_words(self):
        words = " ".join(f"Wort{i}" for i in range(60))
        make_notice(slug="lang", text_de=f"*Wichtig:* {words}")
        for _attempt in range(2):  # the second rendering comes from the remembered result
            cache.clear()
            content = self.client.get("/de/aktuelles/").content.decode()
            assert "<p><em>Wichtig:</em> Wort0 " in content
            assert "Wort38 …</p>" in content and "Wort39" not in content
