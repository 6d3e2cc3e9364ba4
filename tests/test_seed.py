from django.test import TestCase

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
