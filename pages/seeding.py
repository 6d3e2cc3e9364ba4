"""
The agency's original page, split into the site's models. The texts are in seed/; its
README.md says how the files are laid out.

German is the agency's own text, verbatim. English is our plain-language translation.
Facts the original does not give (the notice's year, contact details, the photo's
licence) stay empty for editors to fill in.

The legal pages a German public body must have come as unpublished drafts: their
structure follows the law, and every fact the seed does not know is a marked gap
("Bitte ergänzen: …") for editors, never an invented name, address or date.

The Leichte Sprache page retells the same page by the rules of Leichte Sprache; the sign
language page gets its introduction only.
"""

from pathlib import Path

from django.core.files import File

from editorial.seed import read_record, read_records, seed_once
from photos.models import Photo

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
)

SEED = Path(__file__).resolve().parent / "seed"


def create_hero_photo(values):
    values = dict(values)
    path = SEED / values.pop("file")
    photo = Photo(**values)
    with path.open("rb") as image:
        photo.image.save(path.name, File(image), save=False)
    photo.save()


def create_profile(values, hero_photo_credit):
    hero_photo = Photo.objects.filter(credit_name=hero_photo_credit).first()
    AgencyProfile.objects.create(hero_photo=hero_photo, **values)


def create_legal_page(values):
    # A page an editor already made under this address is theirs; the draft stays out.
    if FreePage.objects.filter(slug=values["slug"]).exists():
        return
    FreePage.objects.create(show_in_footer=True, published=False, **values)


def add_accessibility_enforcement(values):
    """Fill in the enforcement body, on a profile seeded before it existed, unless edited."""
    profile = AgencyProfile.one()
    if profile is None or (
        profile.accessibility_enforcement_name_de or profile.accessibility_enforcement_url
    ):
        return
    for field, value in values.items():
        setattr(profile, field, value)
    profile.save()


def load():
    """Load this app's seed items; returns the keys loaded now."""
    photo = read_record(SEED / "hero-photo", Photo)
    profile = read_record(SEED / "profile", AgencyProfile, body="lead")
    enforcement = read_record(SEED / "accessibility-enforcement", AgencyProfile)
    # Created in footer order (Impressum, privacy policy, accessibility statement), as before.
    legal_pages = sorted(
        read_records(SEED / "legal", FreePage, body="body"), key=lambda v: v["order"]
    )
    easy_read = read_record(SEED / "easy-read", EasyReadPage, body="body")
    sign_language = read_record(SEED / "sign-language", SignLanguagePage, body="intro")

    steps = [
        ("photo:friedensplatz", lambda: create_hero_photo(photo)),
        ("profile", lambda: create_profile(profile, photo["credit_name"])),
    ]
    steps += [
        (f"focus-area:{values['order']}", lambda values=values: FocusArea.objects.create(**values))
        for values in read_records(SEED / "focus-areas", FocusArea, body="text")
    ]
    steps += [
        (f"notice:{values['slug']}", lambda values=values: Notice.objects.create(**values))
        for values in read_records(SEED / "notices", Notice, body="text")
    ]
    steps += [
        (f"free-page:{values['slug']}", lambda values=values: create_legal_page(values))
        for values in legal_pages
    ]
    steps.append(
        ("profile:accessibility-enforcement", lambda: add_accessibility_enforcement(enforcement))
    )
    steps += [
        ("easy-read", lambda: EasyReadPage.objects.create(**easy_read)),
        # The introduction only: no video exists yet; editors upload them.
        ("sign-language", lambda: SignLanguagePage.objects.create(**sign_language)),
    ]
    return [key for key, create in steps if seed_once(key, create)]
