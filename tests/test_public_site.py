import re

from django.test import TestCase, override_settings
from django.utils import translation

from pages.models import Notice
from photos.models import Photo

from .content import load_seed, make_focus_area, make_free_page, make_notice, make_photo

SEED_GOALS_DE = [
    "Konzeption und Umsetzung des gesamtstädtischen Integrationskonzeptes Masterplan "
    "Migration/Integration",
    "Aufbau einer breiten Vernetzungsstruktur zwischen allen am Integrationsprozess beteiligten "
    "Akteuren in Dortmund mit dem Ziel, Integration als Querschnittsaufgabe etablieren",
    "Konzeption und Umsetzung kommunaler Integrationspolitik, um Chancen und Potenziale "
    "erfolgreich zu nutzen",
    "Einordnung der Dortmunder Integrationsaktivitäten in einen regionalen, nationalen und "
    "europäischen Kontext sowie einen politisch-aktuellen Zusammenhang",
]


def visible_text(response):
    """The page as a reader gets it: tags stripped, entities decoded, whitespace folded."""
    import html

    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


class SeededSiteTests(TestCase):
    """The site as `make run` serves it, with the seed content loaded."""

    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_root_redirects_to_german_by_default(self):
        response = self.client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/de/"

    def test_root_redirects_by_the_browsers_language(self):
        response = self.client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
        assert response["Location"] == "/en/"

    def test_root_falls_back_to_german_for_a_language_the_site_does_not_offer(self):
        response = self.client.get("/", headers={"accept-language": "pl"})
        assert response["Location"] == "/de/"

    def test_german_home_page_shows_the_agency_goals_notice_and_photo_credit(self):
        response = self.client.get("/de/")
        assert response.status_code == 200
        text = visible_text(response)
        assert "MIA-DO-Kommunales Integrationszentrum Dortmund" in text
        assert "Schwerpunkte der Arbeit" in text
        assert (
            "Ziele der Arbeit des MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI)"
            in text
        )
        for goal in SEED_GOALS_DE:
            assert goal in text
        assert "Zum Thema" in text
        assert "Am 30. Januar eröffnete Oberbürgermeister Ullrich Sierau offiziell" in text
        assert "Friedensplatz, Berswordthalle und altes Stadthaus" in text
        assert "Bild: Jesús González Rebordinos" in text
        assert '<html lang="de" dir="ltr">' in response.content.decode()

    def test_english_home_page_shows_the_english_copy(self):
        response = self.client.get("/en/")
        assert response.status_code == 200
        text = visible_text(response)
        assert "MIA-DO – Municipal Integration Centre Dortmund" in text
        assert "Focus areas of our work" in text
        assert "Planning the city's integration policy" in text
        assert "On 30 January, Lord Mayor Ullrich Sierau officially opened" in text
        assert "Image: Jesús González Rebordinos" in text
        assert "Schwerpunkte der Arbeit" not in text
        assert '<html lang="en" dir="ltr">' in response.content.decode()
        # Everything in the seed has an English copy, so nothing is marked German.
        assert 'lang="de"' not in response.content.decode().split("<main", 1)[1].split("</main>")[0]

    def test_every_public_page_answers_in_both_languages_with_its_own_text(self):
        pages = {
            "de": {
                "/de/schwerpunkte/": "Geschäftsstelle des Integrationsrates",
                "/de/ziele/": "Beschlossen von: Rat der Stadt Dortmund",
                "/de/aktuelles/": "Eröffnung der neuen Räume am Friedensplatz",
                "/de/aktuelles/eroeffnung-friedensplatz/": "in den neuen Räumen am Friedensplatz",
            },
            "en": {
                "/en/focus-areas/": "Office of the Integration Council",
                "/en/goals/": "Adopted by: Dortmund City Council",
                "/en/notices/": "Opening of the new office at Friedensplatz",
                "/en/notices/eroeffnung-friedensplatz/": "in its new rooms at Friedensplatz",
            },
        }
        for language_code, urls in pages.items():
            for url, expected in urls.items():
                with self.subTest(url=url):
                    response = self.client.get(url)
                    assert response.status_code == 200
                    assert expected in visible_text(response)
                    assert f'<html lang="{language_code}"' in response.content.decode()

    def test_goals_page_lists_the_four_goals_in_order(self):
        text = visible_text(self.client.get("/de/ziele/"))
        positions = [text.index(goal) for goal in SEED_GOALS_DE]
        assert positions == sorted(positions)

    def test_language_switcher_leads_to_the_same_page_in_the_other_language(self):
        content = self.client.get("/de/aktuelles/eroeffnung-friedensplatz/").content.decode()
        assert (
            '<a href="/en/notices/eroeffnung-friedensplatz/" lang="en" hreflang="en">English</a>'
            in content
        )
        assert (
            '<a href="/de/aktuelles/eroeffnung-friedensplatz/" lang="de" hreflang="de" '
            'aria-current="true">Deutsch</a>' in content
        )
        content = self.client.get("/en/focus-areas/").content.decode()
        assert '<a href="/de/schwerpunkte/" lang="de" hreflang="de">Deutsch</a>' in content

    def test_language_switcher_keeps_the_page_number(self):
        content = self.client.get("/de/aktuelles/?page=1").content.decode()
        assert 'href="/en/notices/?page=1"' in content

    def test_navigation_marks_the_current_section(self):
        content = self.client.get("/en/goals/").content.decode()
        assert '<a href="/en/goals/" aria-current="page">Goals</a>' in content

    def test_public_pages_set_no_cookies(self):
        for url in ["/", "/de/", "/en/", "/de/schwerpunkte/", "/en/notices/", "/de/nichts/"]:
            with self.subTest(url=url):
                assert not self.client.get(url).cookies

    def test_hero_photo_is_a_figure_with_caption_credit_and_dimensions(self):
        content = self.client.get("/de/").content.decode()
        figure = content[content.index("<figure") : content.index("</figure>")]
        assert 'width="1200" height="675"' in figure
        assert 'alt="Platzhalterbild:' in figure
        assert "<figcaption>" in figure

    def test_uploaded_photo_is_served_with_content_type_and_caching(self):
        content = self.client.get("/de/").content.decode()
        # The page links content-hashed renditions, which never change: a year, immutable.
        src = re.search(r'<img src="(/media/renditions/[^"]+\.jpg)"', content).group(1)
        response = self.client.get(src)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
        # The original keeps its name when re-uploaded under it, so it is cached for a day.
        original = self.client.get(Photo.objects.get().image.url)
        assert original.status_code == 200
        assert original["Cache-Control"] == "public, max-age=86400"

    def test_media_outside_the_upload_folder_is_not_served(self):
        self.client.raise_request_exception = False
        assert self.client.get("/media/../miado_site/settings.py").status_code == 400
        assert self.client.get("/media/photos/").status_code == 404
        assert self.client.get("/media/photos/missing.jpg").status_code == 404


class NotFoundTests(TestCase):
    def assert_site_404(self, url, language_code):
        response = self.client.get(url)
        assert response.status_code == 404
        content = response.content.decode()
        assert f'<html lang="{language_code}"' in content
        assert 'class="site-header"' in content
        return content

    def test_unknown_notice_slug(self):
        content = self.assert_site_404("/de/aktuelles/gibt-es-nicht/", "de")
        assert "Seite nicht gefunden" in content

    def test_unknown_page_in_english(self):
        content = self.assert_site_404("/en/page/does-not-exist/", "en")
        assert "Page not found" in content

    def test_unknown_language_prefix(self):
        self.assert_site_404("/fr/", "de")
        self.assert_site_404("/xx/schwerpunkte/", "de")

    def test_a_path_of_the_other_language_is_not_found(self):
        self.assert_site_404("/en/schwerpunkte/", "en")

    def test_page_number_out_of_range_or_garbage(self):
        self.assert_site_404("/de/aktuelles/?page=999", "de")
        self.assert_site_404("/de/aktuelles/?page=abc", "de")

    def test_unpublished_content_is_not_found(self):
        make_notice(slug="entwurf", published=False)
        make_free_page(slug="entwurf", published=False)
        self.assert_site_404("/de/aktuelles/entwurf/", "de")
        self.assert_site_404("/de/seite/entwurf/", "de")

    def test_404_switcher_offers_the_other_languages_home(self):
        content = self.assert_site_404("/de/gibt-es-nicht/", "de")
        assert '<a href="/en/" lang="en" hreflang="en">English</a>' in content


class ServerErrorTests(TestCase):
    def test_500_page_renders_in_the_sites_design_without_the_database(self):
        from django.test import RequestFactory
        from django.views.defaults import server_error

        request = RequestFactory().get("/en/")
        with translation.override("en"), self.assertNumQueries(0):
            response = server_error(request)
        content = response.content.decode()
        assert response.status_code == 500
        assert "Technical error" in content
        assert 'class="site-header"' in content


class FallbackTests(TestCase):
    """English visitors get German text where nobody has translated it yet, marked as German."""

    def test_untranslated_notice_falls_back_to_german_marked_lang_de(self):
        make_notice(slug="nur-deutsch", title_de="Nur auf Deutsch", text_de="Noch nicht übersetzt.")
        response = self.client.get("/en/notices/nur-deutsch/")
        content = response.content.decode()
        assert response.status_code == 200
        assert '<h1 lang="de">Nur auf Deutsch</h1>' in content
        assert '<div class="rich-text" lang="de"><p>Noch nicht übersetzt.</p></div>' in content
        assert "This text is only available in German." in visible_text(response)

    def test_translated_text_carries_no_lang_override(self):
        make_notice(
            slug="beides", title_de="Deutsch", title_en="English title", text_de="a", text_en="b"
        )
        content = self.client.get("/en/notices/beides/").content.decode()
        assert "<h1>English title</h1>" in content
        assert "only available in" not in content

    def test_partly_translated_focus_area_marks_only_the_german_field(self):
        make_focus_area(title_de="Titel", title_en="Title", text_de="Nur deutscher Text.")
        content = self.client.get("/en/focus-areas/").content.decode()
        assert re.search(r"<h2 id=\"[^\"]+\">Title</h2>", content)
        assert '<div class="rich-text" lang="de"><p>Nur deutscher Text.</p></div>' in content

    def test_german_pages_never_mark_german(self):
        make_notice(slug="x", title_de="Titel", text_de="Text")
        content = self.client.get("/de/aktuelles/x/").content.decode()
        assert 'lang="de"' not in content.split("<main", 1)[1]

    def test_photo_caption_falls_back_with_lang(self):
        photo = make_photo(caption_de="Rathaus", alt_text_de="Das Rathaus")
        make_focus_area()  # any content; the photo is shown on the goals page
        from .content import make_goal

        make_goal(photo=photo)
        content = self.client.get("/en/goals/").content.decode()
        assert 'alt="Das Rathaus" lang="de"' in content
        assert '<span class="photo__caption" lang="de">Rathaus</span>' in content


class FreePageTests(TestCase):
    def test_free_page_in_both_languages_and_footer_link(self):
        make_free_page(
            slug="impressum",
            title_de="Impressum",
            title_en="Legal notice",
            body_de="Angaben gemäß Gesetz.",
            body_en="Details required by law.",
            show_in_footer=True,
        )
        make_free_page(slug="versteckt", title_de="Nicht im Fuß", show_in_footer=False)
        de = self.client.get("/de/seite/impressum/")
        en = self.client.get("/en/page/impressum/")
        assert "Angaben gemäß Gesetz." in visible_text(de)
        assert "Details required by law." in visible_text(en)
        footer = en.content.decode().split('class="site-footer"')[1]
        assert '<a href="/en/page/impressum/">Legal notice</a>' in footer
        assert "Nicht im Fuß" not in footer

    def test_unpublished_pages_are_not_linked_in_the_footer(self):
        make_free_page(slug="entwurf", title_de="Entwurf", show_in_footer=True, published=False)
        assert "Entwurf" not in self.client.get("/de/").content.decode()


class EmptySiteTests(TestCase):
    """Before the seed is loaded, or after editors empty a section, nothing breaks."""

    def test_every_page_answers_without_content(self):
        for url in ["/de/", "/en/", "/de/schwerpunkte/", "/de/ziele/", "/de/aktuelles/"]:
            with self.subTest(url=url):
                assert self.client.get(url).status_code == 200

    def test_notice_without_date_shows_no_empty_time(self):
        make_notice(slug="ohne-datum", date=None)
        content = self.client.get("/de/aktuelles/ohne-datum/").content.decode()
        article = content.split("<article>")[1].split("</article>")[0]
        assert "<time" not in article

    def test_notice_with_date_shows_it_localised(self):
        make_notice(slug="mit-datum", date="2024-01-30")
        de = self.client.get("/de/aktuelles/mit-datum/").content.decode()
        en = self.client.get("/en/notices/mit-datum/").content.decode()
        assert '<time datetime="2024-01-30">30. Januar 2024</time>' in de
        assert '<time datetime="2024-01-30">30 January 2024</time>' in en

    def test_notices_are_paginated_newest_first(self):
        for day in range(1, 13):
            make_notice(slug=f"n{day}", title_de=f"Meldung vom {day}.", date=f"2024-03-{day:02}")
        first = visible_text(self.client.get("/de/aktuelles/"))
        second = visible_text(self.client.get("/de/aktuelles/?page=2"))
        assert "Meldung vom 12." in first and "Meldung vom 3." in first
        assert "Meldung vom 2." in second and "Meldung vom 1." in second
        assert "Seite 1 von 2" in first
        assert Notice.objects.count() == 12


@override_settings(DEBUG=False)
class RichTextOutputTests(TestCase):
    def test_editor_markdown_is_rendered_and_scripts_are_removed(self):
        make_notice(
            slug="formatiert",
            text_de=(
                "Erster Absatz mit *Betonung* und [Link](https://www.dortmund.de/).\n\n"
                "- Punkt eins\n- Punkt zwei\n\n"
                '<script>alert("x")</script><img src=x onerror=alert(1)>'
                "[böse](javascript:alert(1))"
            ),
        )
        content = self.client.get("/de/aktuelles/formatiert/").content.decode()
        body = content.split("<main", 1)[1]
        assert "<em>Betonung</em>" in body
        assert (
            '<a href="https://www.dortmund.de/" class="external-link" rel="noopener noreferrer">'
            'Link<span class="visually-hidden"> (externer Link)</span></a>'
        ) in body
        assert "<li>Punkt eins</li>" in body
        assert "<script" not in body
        assert "onerror" not in body
        assert "javascript:" not in body


class PublishingWindowTests(TestCase):
    def test_a_notice_appears_and_disappears_on_time(self):
        from datetime import datetime, timedelta
        from unittest import mock

        from django.utils import timezone

        start = timezone.make_aware(datetime(2030, 5, 1, 9, 0))
        make_notice(slug="termin", publish_from=start, publish_until=start + timedelta(days=1))
        for moment, status in [
            (start - timedelta(minutes=1), 404),
            (start, 200),
            (start + timedelta(hours=23, minutes=59), 200),
            (start + timedelta(days=1), 404),
        ]:
            with (
                self.subTest(moment=moment),
                mock.patch.object(timezone, "now", return_value=moment),
            ):
                assert self.client.get("/de/aktuelles/termin/").status_code == status
