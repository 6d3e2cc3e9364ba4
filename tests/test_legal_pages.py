"""Impressum, privacy policy, accessibility statement, picture credits and "Stand: …"."""

import re
from datetime import UTC, datetime

from django.core.cache import cache
from django.test import TestCase

from editorial.models import SeedRecord
from goals.models import Goal, Masterplan
from pages.models import AgencyProfile, FocusArea, FreePage, Notice
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
)
from .test_admin import AdminTestCase
from .test_public_site import visible_text

LEGAL_SLUGS = ["impressum", "datenschutz", "barrierefreiheit"]


def footer(response):
    return response.content.decode().split('class="site-footer"')[1]


def footer_links(response):
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', footer(response))


def set_updated_at(queryset, moment):
    """Backdate or forward-date the modification time, which auto_now otherwise sets."""
    queryset.update(updated_at=moment)
    cache.clear()  # QuerySet.update() sends no signal to the page cache


class LegalDraftSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_the_three_legal_pages_are_seeded_as_unpublished_footer_drafts(self):
        pages = FreePage.objects.filter(slug__in=LEGAL_SLUGS).order_by("order")
        assert [page.slug for page in pages] == LEGAL_SLUGS
        assert [page.title_de for page in pages] == [
            "Impressum",
            "Datenschutzerklärung",
            "Erklärung zur Barrierefreiheit",
        ]
        assert [page.title_en for page in pages] == [
            "Legal notice",
            "Privacy policy",
            "Accessibility statement",
        ]
        for page in pages:
            assert page.show_in_footer
            assert not page.published
            assert page.body_de.startswith("**Entwurf, noch nicht veröffentlicht.**")
            assert page.body_en.startswith("**Draft, not published yet.**")
            assert page.body_de.count("[Bitte ergänzen") >= 2, page.slug
            assert page.body_en.count("[Please add") == page.body_de.count("[Bitte ergänzen")
        assert [page.shows_feedback_form for page in pages] == [False, False, True]

    def test_drafts_follow_the_structure_the_law_asks_for(self):
        bodies = {page.slug: page.body_de for page in FreePage.objects.all()}
        for slug, headings in {
            "impressum": [
                "§ 5 Digitale-Dienste-Gesetz",
                "Vertretung",
                "Aufsichtsbehörde",
                "§ 18 Absatz 2 Medienstaatsvertrag",
            ],
            "datenschutz": [
                "Artikel 13",
                "# Verantwortliche Stelle",
                "Datenschutzbeauftragte",
                "# Ihre Rechte",
                "# Beschwerderecht",
                "Barriere melden",
            ],
            "barrierefreiheit": [
                "# Stand der Vereinbarkeit mit den Anforderungen",
                "# Nicht barrierefreie Inhalte",
                "# Erstellung dieser Erklärung",
                "# Feedback und Kontakt",
                "# Durchsetzungsverfahren",
            ],
        }.items():
            for heading in headings:
                assert heading in bodies[slug], (slug, heading)

    def test_drafts_invent_no_facts(self):
        for page in FreePage.objects.all():
            for body in [page.body_de, page.body_en]:
                assert "@" not in body, "no e-mail address"
                assert "http" not in body, "no web address"
                assert not re.search(r"\b\d{4,}\b", body), "no postcode, phone number or year"
                assert not re.search(r"\b\d{1,2}\.\s?\d{1,2}\.", body), "no date"

    def test_the_enforcement_body_is_seeded_with_its_official_website(self):
        profile = AgencyProfile.objects.get()
        assert profile.accessibility_enforcement_name_de == (
            "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen"
        )
        assert profile.accessibility_enforcement_name_en.startswith("Ombudsman for accessible")
        assert profile.accessibility_enforcement_url == "https://www.lbbp.nrw.de/ombudsstelle"

    def test_drafts_are_not_public_and_not_linked_in_either_language(self):
        for url in ["/de/seite/impressum/", "/en/page/datenschutz/", "/de/seite/barrierefreiheit/"]:
            assert self.client.get(url).status_code == 404, url
        assert footer_links(self.client.get("/de/")) == [
            ("/de/bildnachweis/", "Bildnachweis"),
            ("/de/barriere-melden/", "Barriere melden"),
        ]
        assert footer_links(self.client.get("/en/focus-areas/")) == [
            ("/en/picture-credits/", "Picture credits"),
            ("/en/report-a-barrier/", "Report a barrier"),
        ]

    def test_published_pages_are_linked_in_both_languages_in_their_order(self):
        for page in FreePage.objects.all():
            page.published = True
            page.save()
        assert footer_links(self.client.get("/de/ziele/")) == [
            ("/de/seite/impressum/", "Impressum"),
            ("/de/seite/datenschutz/", "Datenschutzerklärung"),
            ("/de/seite/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
            ("/de/bildnachweis/", "Bildnachweis"),
            ("/de/barriere-melden/", "Barriere melden"),
        ]
        assert footer_links(self.client.get("/en/")) == [
            ("/en/page/impressum/", "Legal notice"),
            ("/en/page/datenschutz/", "Privacy policy"),
            ("/en/page/barrierefreiheit/", "Accessibility statement"),
            ("/en/picture-credits/", "Picture credits"),
            ("/en/report-a-barrier/", "Report a barrier"),
        ]
        statement = self.client.get("/en/page/barrierefreiheit/").content.decode()
        assert "<h2>Enforcement procedure</h2>" in statement
        assert '<a href="https://www.lbbp.nrw.de/ombudsstelle">Ombudsman for accessible' in (
            statement
        )
        assert 'action="/en/report-a-barrier/"' in statement


class LegalDraftReseedTests(TestCase):
    def test_editors_changes_and_deletions_survive_a_second_run(self):
        load_seed()
        impressum = FreePage.objects.get(slug="impressum")
        impressum.body_de = "Von der Redaktion ausgefüllt."
        impressum.published = True
        impressum.save()
        FreePage.objects.filter(slug="datenschutz").delete()
        profile = AgencyProfile.objects.get()
        profile.accessibility_enforcement_url = "https://redaktion.example.org/"
        profile.save()
        assert "nothing changed" in load_seed()
        impressum.refresh_from_db()
        assert impressum.body_de == "Von der Redaktion ausgefüllt." and impressum.published
        assert not FreePage.objects.filter(slug="datenschutz").exists()
        assert AgencyProfile.objects.get().accessibility_enforcement_url == (
            "https://redaktion.example.org/"
        )

    def test_a_page_editors_made_under_the_same_address_is_kept(self):
        make_free_page(slug="impressum", title_de="Unser Impressum", body_de="Echte Angaben.")
        load_seed()
        assert FreePage.objects.get(slug="impressum").title_de == "Unser Impressum"
        assert FreePage.objects.filter(slug="datenschutz", published=False).exists()

    def test_a_profile_from_an_earlier_seed_gets_the_enforcement_body_unless_edited(self):
        load_seed()
        # As on a site seeded before the field existed.
        AgencyProfile.objects.update(
            accessibility_enforcement_name_de="",
            accessibility_enforcement_name_en="",
            accessibility_enforcement_url="",
        )
        SeedRecord.objects.filter(key="profile:accessibility-enforcement").delete()
        load_seed()
        assert AgencyProfile.objects.get().accessibility_enforcement_url.startswith("https://")

        SeedRecord.objects.filter(key="profile:accessibility-enforcement").delete()
        AgencyProfile.objects.update(
            accessibility_enforcement_name_de="Eigene Angabe", accessibility_enforcement_url=""
        )
        load_seed()
        profile = AgencyProfile.objects.get()
        assert profile.accessibility_enforcement_name_de == "Eigene Angabe"
        assert profile.accessibility_enforcement_url == ""


class PictureCreditsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.full = make_photo(
            caption_de="Altes Stadthaus",
            caption_en="Old city hall",
            credit_name="Erika Muster",
            credit_role=Photo.CreditRole.PHOTOGRAPHER,
            licence="CC BY 4.0",
            source_url="https://fotos.example.org/stadthaus",
        )
        # As the seed's photo: no role, no licence, no source; and no caption either.
        cls.bare = make_photo(caption_de="", credit_name="Jesús González Rebordinos")

    def test_every_photo_is_listed_with_thumbnail_caption_credit_role_and_licence(self):
        response = self.client.get("/de/bildnachweis/")
        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Bildnachweis</h1>" in content
        entries = content.split('<li class="credit">')[1:]
        assert len(entries) == 2
        full, bare = entries
        assert '<source type="image/webp"' in full and 'sizes="8rem"' in full
        assert f'src="{self.full.picture["smallest_src"]}"' in full
        assert 'width="64" height="48" loading="lazy"' in full
        for label, value in [
            ("Bildunterschrift", "Altes Stadthaus"),
            ("Bild von", "Erika Muster"),
            ("Rolle", "Fotograf"),
            ("Lizenz", "CC BY 4.0"),
            ("Quelle", '<a href="https://fotos.example.org/stadthaus">'),
        ]:
            assert re.search(rf"<dt>{label}</dt><dd[^>]*>{re.escape(value)}", full), label
        assert "<dt>Bild von</dt><dd>Jesús González Rebordinos</dd>" in bare
        for label in ["Bildunterschrift", "Rolle", "Lizenz", "Quelle"]:
            assert f"<dt>{label}</dt>" not in bare, label
        assert "<dd></dd>" not in content

    def test_english_page_at_its_own_address(self):
        response = self.client.get("/en/picture-credits/")
        text = visible_text(response)
        assert "Picture credits" in text
        assert "Caption Old city hall" in text
        assert "Role Photographer" in text
        assert "Licence CC BY 4.0" in text
        assert '<a href="/de/bildnachweis/" lang="de" hreflang="de">' in response.content.decode()

    def test_without_photos_the_page_says_so(self):
        Photo.objects.all().delete()
        text = visible_text(self.client.get("/de/bildnachweis/"))
        assert "Auf dieser Website gibt es zurzeit keine Fotos." in text
        assert "Stand:" not in text


class LastUpdatedTests(TestCase):
    """Every page says when what it shows last changed, in the visitor's date format."""

    OLD = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    NEW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)

    @classmethod
    def setUpTestData(cls):
        cls.photo = make_photo()
        make_profile(hero_photo=cls.photo)
        make_masterplan()
        make_goal(photo=cls.photo)
        make_focus_area()
        make_notice(slug="meldung")
        make_free_page(slug="impressum")

    def setUp(self):
        for model in [Photo, AgencyProfile, Masterplan, Goal, FocusArea, Notice, FreePage]:
            set_updated_at(model.objects.all(), self.OLD)

    def stand(self, url):
        content = self.client.get(url).content.decode()
        found = re.findall(r'<p class="last-updated">(.*?)</p>', content)
        assert len(found) <= 1, url
        return found[0] if found else None

    def test_every_page_type_shows_its_date_in_german_and_english(self):
        for model in [FreePage, Notice]:
            set_updated_at(model.objects.all(), self.NEW)
        # The home page shows the notice too.
        for url in ["/de/seite/impressum/", "/de/aktuelles/meldung/", "/de/aktuelles/", "/de/"]:
            assert self.stand(url) == (
                'Stand: <time datetime="2026-11-26">26. November 2026</time>'
            ), url
        for url in ["/en/page/impressum/", "/en/notices/meldung/", "/en/notices/"]:
            assert self.stand(url) == (
                'Last updated: <time datetime="2026-11-26">26 November 2026</time>'
            ), url
        for url in ["/de/schwerpunkte/", "/de/ziele/", "/de/bildnachweis/"]:
            assert self.stand(url) == ('Stand: <time datetime="2025-03-01">1. März 2025</time>'), (
                url
            )
        assert "1 March 2025" in self.stand("/en/report-a-barrier/")

    def test_the_date_is_the_local_date_in_dortmund(self):
        set_updated_at(Notice.objects.all(), datetime(2026, 11, 26, 23, 30, tzinfo=UTC))
        assert '<time datetime="2026-11-27">27. November 2026</time>' in self.stand(
            "/de/aktuelles/meldung/"
        )

    def test_home_shows_the_newest_change_among_what_it_shows(self):
        set_updated_at(FocusArea.objects.all(), self.NEW)
        assert "26. November 2026" in self.stand("/de/")
        set_updated_at(FocusArea.objects.all(), self.OLD)
        hidden = make_focus_area(title_de="Verborgen", published=False)
        set_updated_at(FocusArea.objects.filter(pk=hidden.pk), self.NEW)
        assert "1. März 2025" in self.stand("/de/"), "unpublished content does not count"
        set_updated_at(Photo.objects.all(), self.NEW)
        assert "26. November 2026" in self.stand("/de/"), "the hero photo is shown"

    def test_goals_page_counts_the_goals_photos(self):
        set_updated_at(Photo.objects.all(), self.NEW)
        assert "26. November 2026" in self.stand("/de/ziele/")
        assert "26. November 2026" in self.stand("/de/bildnachweis/")

    def test_the_statement_with_the_form_counts_the_enforcement_body_it_names(self):
        make_free_page(slug="erklaerung", shows_feedback_form=True)
        set_updated_at(FreePage.objects.all(), self.OLD)
        set_updated_at(AgencyProfile.objects.all(), self.NEW)
        assert "26. November 2026" in self.stand("/de/seite/erklaerung/")
        assert "1. März 2025" in self.stand("/de/seite/impressum/"), "no form, no profile"
        sitemap = self.client.get("/sitemap-free-pages.xml").content.decode()
        assert re.search(r"/de/seite/erklaerung/</loc>\s*<lastmod>2026-11-26", sitemap)
        assert re.search(r"/de/seite/impressum/</loc>\s*<lastmod>2025-03-01", sitemap)

    def test_a_page_that_shows_nothing_shows_no_date(self):
        Notice.objects.all().delete()
        assert self.stand("/de/aktuelles/") is None
        assert self.stand("/de/barriere-melden/danke/") is None


class EnforcementBodyAdminTests(AdminTestCase):
    def test_editor_sets_the_enforcement_body_shown_beside_the_form(self):
        profile = make_profile()
        response = self.client.post(
            f"/admin/pages/agencyprofile/{profile.pk}/change/",
            {
                "name_de": "Integrationszentrum",
                "name_en": "",
                "short_name": "IZ",
                "parent_organisation_de": "",
                "parent_organisation_en": "",
                "lead_de": "Wir sind da.",
                "lead_en": "",
                "body_de": "",
                "body_en": "",
                "hero_photo": "",
                "address": "",
                "phone": "",
                "email": "",
                "opening_hours_de": "",
                "opening_hours_en": "",
                "accessibility_enforcement_name_de": "Ombudsstelle NRW",
                "accessibility_enforcement_name_en": "NRW ombudsman",
                "accessibility_enforcement_url": "ombudsstelle.example.org",
            },
        )
        assert response.status_code == 302
        profile.refresh_from_db()
        assert profile.accessibility_enforcement_url == "https://ombudsstelle.example.org"
        self.client.logout()
        content = self.client.get("/en/report-a-barrier/").content.decode()
        assert '<a href="https://ombudsstelle.example.org">NRW ombudsman</a>' in content

    def test_the_change_form_names_the_fields_in_german(self):
        profile = make_profile()
        content = self.client.get(f"/admin/pages/agencyprofile/{profile.pk}/change/")
        content = content.content.decode()
        assert "Barrierefreiheit" in content
        assert "Durchsetzungsstelle" in content
        assert "Website der Durchsetzungsstelle" in content
        page = make_free_page()
        form = self.client.get(f"/admin/pages/freepage/{page.pk}/change/").content.decode()
        assert "Formular „Barriere melden“" in form


class LegalDraftPublishingTests(AdminTestCase):
    """An editor who ticks "published" on a seeded draft before filling its gaps."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_seed()

    def change_form_data(self, page, **overrides):
        data = {
            "title_de": page.title_de,
            "title_en": page.title_en,
            "slug": page.slug,
            "body_de": page.body_de,
            "body_en": page.body_en,
            "show_in_footer": "on",
            "order": page.order,
            "published": "on",
            "publish_from_0": "",
            "publish_from_1": "",
            "publish_until_0": "",
            "publish_until_1": "",
        }
        data.update(overrides)
        return data

    def test_a_draft_with_open_gaps_is_not_published(self):
        # It used to go live as it was: citizens read "Entwurf, noch nicht veröffentlicht"
        # and "[Bitte ergänzen: …]" on the Impressum linked from every page's footer.
        page = FreePage.objects.get(slug="impressum")
        url = f"/admin/pages/freepage/{page.pk}/change/"

        response = self.client.post(url, self.change_form_data(page))

        self.assert_error(response, "Diese Seite hat noch Lücken")
        page.refresh_from_db()
        assert not page.published
        assert "/de/seite/impressum/" not in footer(self.client.get("/de/"))

    def test_a_draft_cannot_be_published_from_the_list_either(self):
        pages = list(FreePage.objects.order_by("order"))
        data = {
            "form-TOTAL_FORMS": str(len(pages)),
            "form-INITIAL_FORMS": str(len(pages)),
            "_save": "Sichern",
        }
        for number, page in enumerate(pages):
            data[f"form-{number}-id"] = str(page.pk)
            data[f"form-{number}-show_in_footer"] = "on"
            data[f"form-{number}-order"] = str(page.order)
            data[f"form-{number}-published"] = "on"

        response = self.client.post("/admin/pages/freepage/", data)

        self.assert_error(response, "Diese Seite hat noch Lücken")
        assert not FreePage.objects.filter(published=True).exists()

    def test_once_the_gaps_are_filled_the_page_goes_live(self):
        page = FreePage.objects.get(slug="impressum")
        url = f"/admin/pages/freepage/{page.pk}/change/"
        filled = self.change_form_data(
            page,
            body_de="# Anbieter\n\nStadt Dortmund, Friedensplatz 1, 44135 Dortmund",
            body_en="# Provider\n\nCity of Dortmund, Friedensplatz 1, 44135 Dortmund",
        )

        response = self.client.post(url, filled)

        assert response.status_code == 302
        page.refresh_from_db()
        assert page.published
        assert ("/de/seite/impressum/", "Impressum") in footer_links(self.client.get("/de/"))
