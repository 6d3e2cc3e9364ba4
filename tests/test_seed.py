import re
import tempfile
from pathlib import Path

import frontmatter
import pytest
from django.test import SimpleTestCase, TestCase

import goals.seeding
import pages.seeding
from editorial.seed import read_record, read_records
from goals.models import Goal, Masterplan
from pages.models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)
from photos.models import Photo

from .content import load_seed

SEED_FOLDERS = [pages.seeding.SEED, goals.seeding.SEED]


def snapshot():
    """Every seeded row with all of its columns, to compare runs."""
    models = [AgencyProfile, FocusArea, Notice, FreePage, Photo, Masterplan, Goal]
    models += [EasyReadPage, SignLanguagePage, SignLanguageVideo]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


class SeedCommandTests(TestCase):
    def test_loads_the_agency_page_into_the_models(self):
        output = load_seed()
        assert "Loaded 17 seed items" in output
        profile = AgencyProfile.objects.get()
        assert profile.name_de == "MIA-DO-Kommunales Integrationszentrum Dortmund"
        assert profile.short_name == "MIA-DO-KI"
        assert profile.lead_de.startswith("Die MIA-DO-Kommunales Integrationszentrum Dortmund")
        assert profile.hero_photo.credit_name == "Jesús González Rebordinos"
        assert profile.hero_photo.caption_de == "Friedensplatz, Berswordthalle und altes Stadthaus"
        assert "Platzhalter" in profile.hero_photo.alt_text_de
        assert FocusArea.objects.count() == 3
        assert Goal.objects.count() == 4
        assert Masterplan.objects.get().adopted_by_de == "Rat der Stadt Dortmund"
        notice = Notice.objects.get()
        assert notice.slug == "eroeffnung-friedensplatz"
        assert notice.date is None, "the seed gives no year, so no date is invented"
        assert EasyReadPage.objects.get().title_de == "Informationen in Leichter Sprache"
        assert SignLanguagePage.objects.get().intro_de.startswith("Auf dieser Seite")
        assert not SignLanguageVideo.objects.exists(), "no video exists yet"

    def test_every_seeded_text_has_an_english_copy(self):
        load_seed()
        for model, fields in [
            (AgencyProfile, ["name", "lead", "parent_organisation"]),
            (FocusArea, ["title", "text"]),
            (Notice, ["title", "text"]),
            (Photo, ["alt_text", "caption"]),
            (Masterplan, ["title", "adopted_by", "description"]),
            (Goal, ["text"]),
            (EasyReadPage, ["title", "body"]),
            (SignLanguagePage, ["title", "intro"]),
        ]:
            for obj in model.objects.all():
                for field in fields:
                    assert getattr(obj, f"{field}_en"), f"{model.__name__}.{field}_en is empty"

    def test_facts_the_seed_does_not_give_stay_empty(self):
        load_seed()
        profile = AgencyProfile.objects.get()
        assert profile.address == profile.phone == profile.email == ""
        assert not profile.opening_hours_de
        assert profile.hero_photo.licence == ""

    def test_running_twice_changes_nothing(self):
        load_seed()
        before = snapshot()
        assert "nothing changed" in load_seed()
        assert snapshot() == before

    def test_never_overwrites_or_recreates_what_editors_changed(self):
        load_seed()
        Goal.objects.filter(order=1).update(text_de="Von der Redaktion geändert")
        Notice.objects.all().delete()
        FocusArea.objects.filter(order=3).delete()
        load_seed()
        assert Goal.objects.get(order=1).text_de == "Von der Redaktion geändert"
        assert not Notice.objects.exists()
        assert FocusArea.objects.count() == 2

    def test_loads_under_the_keys_existing_databases_have_recorded(self):
        # A changed key would load its item a second time into a database seeded before.
        assert pages.seeding.load() + goals.seeding.load() == [
            "photo:friedensplatz",
            "profile",
            "focus-area:1",
            "focus-area:2",
            "focus-area:3",
            "notice:eroeffnung-friedensplatz",
            "free-page:impressum",
            "free-page:datenschutz",
            "free-page:barrierefreiheit",
            "profile:accessibility-enforcement",
            "easy-read",
            "sign-language",
            "masterplan",
            "goal:1",
            "goal:2",
            "goal:3",
            "goal:4",
        ]

    def test_rows_hold_the_seed_files_values(self):
        load_seed()
        for model, lookup, expected in [
            (
                AgencyProfile,
                {},
                {
                    "name_de": "MIA-DO-Kommunales Integrationszentrum Dortmund",
                    "name_en": "MIA-DO – Municipal Integration Centre Dortmund",
                    "short_name": "MIA-DO-KI",
                    "lead_de": (
                        "Die MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI) ist Teil "
                        "der Dortmunder Stadtverwaltung und arbeitet an der Entwicklung und "
                        "Umsetzung des vom Rat der Stadt Dortmund beschlossenen "
                        '"Masterplan Migration/Integration".'
                    ),
                    "parent_organisation_en": "City of Dortmund",
                    "accessibility_enforcement_name_de": (
                        "Ombudsstelle für barrierefreie Informationstechnik des Landes "
                        "Nordrhein-Westfalen"
                    ),
                    "accessibility_enforcement_url": "https://www.lbbp.nrw.de/ombudsstelle",
                },
            ),
            (
                Photo,
                {},
                {
                    "credit_name": "Jesús González Rebordinos",
                    "caption_de": "Friedensplatz, Berswordthalle und altes Stadthaus",
                    "caption_en": "Friedensplatz, Berswordthalle and the old city hall",
                    "licence": "",
                },
            ),
            (
                FocusArea,
                {"order": 3},
                {
                    "title_de": "Geschäftsstelle des Integrationsrates",
                    "text_de": (
                        "Die Geschäftsstelle des Integrationsrates ist Teil des MIA-DO-Kommunales "
                        "Integrationszentrum Dortmund (MIA-DO-KI) und aktiv an der Arbeit zum "
                        "Masterplan Migration/Integration beteiligt."
                    ),
                },
            ),
            (
                Notice,
                {"slug": "eroeffnung-friedensplatz"},
                {
                    "title_de": "Eröffnung der neuen Räume am Friedensplatz",
                    "title_en": "Opening of the new office at Friedensplatz",
                    "text_de": (
                        "Am 30. Januar eröffnete Oberbürgermeister Ullrich Sierau offiziell das "
                        "MIA-DO/KI (Migrations- und Integrationsagentur/Kommunales "
                        "Integrationszentrum) in den neuen Räumen am Friedensplatz."
                    ),
                    "date": None,
                },
            ),
            (
                FreePage,
                {"slug": "impressum"},
                {
                    "order": 1,
                    "title_en": "Legal notice",
                    "show_in_footer": True,
                    "published": False,
                },
            ),
            (
                FreePage,
                {"slug": "barrierefreiheit"},
                {"order": 3, "shows_feedback_form": True, "published": False},
            ),
            (
                Goal,
                {"order": 4},
                {
                    "text_de": (
                        "Einordnung der Dortmunder Integrationsaktivitäten in einen regionalen, "
                        "nationalen und europäischen Kontext sowie einen politisch-aktuellen "
                        "Zusammenhang"
                    ),
                },
            ),
            (
                Masterplan,
                {},
                {
                    "adopted_by_en": "Dortmund City Council",
                    "description_de": (
                        "Das gesamtstädtische Integrationskonzept der Stadt Dortmund."
                    ),
                },
            ),
        ]:
            assert model.objects.filter(**lookup).values(*expected).get() == expected
        impressum = FreePage.objects.get(slug="impressum").body_de
        assert impressum.startswith("**Entwurf, noch nicht veröffentlicht.** Bitte ergänzen")
        assert impressum.endswith(
            "\n\n[Bitte ergänzen: Name und Anschrift der verantwortlichen Person]"
        )
        photo = Photo.objects.get()
        photo_file = "images/friedensplatz-platzhalter.jpg"
        assert re.fullmatch(r"photos/[0-9a-f]{32}\.jpg", photo.image.name)
        with photo.image.open("rb") as image:
            assert image.read() == (pages.seeding.SEED / photo_file).read_bytes()


class SeedFileTests(SimpleTestCase):
    def test_every_record_has_a_german_and_an_english_file_that_parse(self):
        records = set()
        for folder in SEED_FOLDERS:
            for file in folder.rglob("*.md"):
                if file.name == "README.md":
                    continue
                name, language, extension = file.name.split(".")
                assert language in {"de", "en"} and extension == "md", file
                records.add(file.with_name(name))
        assert len(records) == 17
        for record in records:
            for language in ["de", "en"]:
                post = frontmatter.load(f"{record}.{language}.md")
                assert post.metadata or post.content, f"{record}.{language}.md is empty"

    def test_translated_fields_per_language_the_others_once(self):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            (folder / "a.de.md").write_text("---\nslug: a\ntitle: Titel\n---\n\nText\n")
            (folder / "a.en.md").write_text("---\ntitle: Title\n---\n\nText\n\nmore\n")
            assert read_records(folder, Notice, body="text") == [
                {
                    "slug": "a",
                    "title_de": "Titel",
                    "title_en": "Title",
                    "text_de": "Text",
                    "text_en": "Text\n\nmore",
                }
            ]
            # A slug in the English file could differ from the German one: which would count?
            (folder / "a.en.md").write_text("---\nslug: b\ntitle: Title\n---\n")
            with pytest.raises(ValueError, match="slug is the same in every language"):
                read_record(folder / "a", Notice, body="text")
            # Text in a record without a long text would be lost without a word.
            (folder / "a.en.md").write_text("---\ntitle: Title\n---\n\nText\n")
            with pytest.raises(ValueError, match="has no long text"):
                read_record(folder / "a", Notice)
