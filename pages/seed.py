"""
The agency's original page, split into the site's models.

German is the agency's own text, verbatim. English is our plain-language translation.
Facts the original does not give (the notice's year, contact details, the photo's
licence) stay empty for editors to fill in.
"""

from pathlib import Path

from django.core.files import File

from .models import AgencyProfile, FocusArea, Notice, Photo, SeedRecord

SEED_IMAGES = Path(__file__).resolve().parent / "seed_images"

HERO_PHOTO = {
    "file": "friedensplatz-platzhalter.jpg",
    "alt_text_de": (
        "Platzhalterbild: Das Foto „Friedensplatz, Berswordthalle und altes Stadthaus“ folgt."
    ),
    "alt_text_en": (
        "Placeholder image: the photo “Friedensplatz, Berswordthalle and the old city hall” "
        "will follow."
    ),
    "caption_de": "Friedensplatz, Berswordthalle und altes Stadthaus",
    "caption_en": "Friedensplatz, Berswordthalle and the old city hall",
    "credit_name": "Jesús González Rebordinos",
}

PROFILE = {
    "name_de": "MIA-DO-Kommunales Integrationszentrum Dortmund",
    "name_en": "MIA-DO – Municipal Integration Centre Dortmund",
    "short_name": "MIA-DO-KI",
    "lead_de": (
        "Die MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI) ist Teil der "
        "Dortmunder Stadtverwaltung und arbeitet an der Entwicklung und Umsetzung des vom Rat "
        'der Stadt Dortmund beschlossenen "Masterplan Migration/Integration".'
    ),
    "lead_en": (
        "MIA-DO – Municipal Integration Centre Dortmund (MIA-DO-KI) is part of the City of "
        'Dortmund\'s administration. It develops the "Masterplan Migration/Integration", '
        "which Dortmund City Council adopted, and puts it into practice."
    ),
    "parent_organisation_de": "Stadt Dortmund",
    "parent_organisation_en": "City of Dortmund",
}

FOCUS_AREAS = [
    {
        "title_de": "Integrationsarbeit in der Verwaltung fortsetzen",
        "title_en": "Continuing the integration work of the administration",
        "text_de": (
            "Ziel der Arbeit des MIA-DO-Kommunales Integrationszentrum Dortmund (MIA-DO-KI) "
            "ist es, die bereits geleistete Arbeit zum Thema Integration in der Verwaltung "
            "fortzusetzen. Dazu zählt, integrationsfördernde Maßnahmen gemeinsam mit Akteuren "
            "aus Politik, Verwaltung, Verbänden, Projekten, Initiativen und "
            "Migrantenselbstorganisationen zu konzipieren und begleitend umzusetzen."
        ),
        "text_en": (
            "MIA-DO-KI works to continue what the city administration has already done for "
            "integration. This includes planning measures that help integration, together "
            "with people from politics, the administration, associations, projects, "
            "initiatives and migrant organisations, and supporting these measures as they "
            "are carried out."
        ),
    },
    {
        "title_de": "Beteiligung und Vernetzung",
        "title_en": "Involving people and connecting them",
        "text_de": (
            "Außerdem sollen engagierte Ansprechpartner innerhalb und außerhalb der "
            "Verwaltung beteiligt und vernetzt werden, um so den Integrationsprozess in "
            "Dortmund dauerhaft nach vorne zu bringen. Dazu gehört auch eine gute Vernetzung "
            "der Migrations- und Integrationsagentur mit dem Integrationsrat sowie "
            "zahlreichen lokalen Akteuren."
        ),
        "text_en": (
            "Committed contacts inside and outside the administration are to take part and "
            "be connected with each other, so that integration in Dortmund keeps moving "
            "forward for the long term. This also means good links between the migration and "
            "integration agency, the Integration Council and many local partners."
        ),
    },
    {
        "title_de": "Geschäftsstelle des Integrationsrates",
        "title_en": "Office of the Integration Council",
        "text_de": (
            "Die Geschäftsstelle des Integrationsrates ist Teil des MIA-DO-Kommunales "
            "Integrationszentrum Dortmund (MIA-DO-KI) und aktiv an der Arbeit zum Masterplan "
            "Migration/Integration beteiligt."
        ),
        "text_en": (
            "The office of the Integration Council is part of MIA-DO-KI and takes an active "
            "part in the work on the Masterplan Migration/Integration."
        ),
    },
]

NOTICES = [
    {
        "slug": "eroeffnung-friedensplatz",
        "title_de": "Eröffnung der neuen Räume am Friedensplatz",
        "title_en": "Opening of the new office at Friedensplatz",
        "text_de": (
            "Am 30. Januar eröffnete Oberbürgermeister Ullrich Sierau offiziell das MIA-DO/KI "
            "(Migrations- und Integrationsagentur/Kommunales Integrationszentrum) in den neuen "
            "Räumen am Friedensplatz."
        ),
        "text_en": (
            "On 30 January, Lord Mayor Ullrich Sierau officially opened MIA-DO/KI (Migration "
            "and Integration Agency/Municipal Integration Centre) in its new rooms at "
            "Friedensplatz."
        ),
    },
]


def seed_once(key, create):
    """Create a seed item unless it was created before, even if an editor has since deleted it."""
    if SeedRecord.objects.filter(key=key).exists():
        return False
    create()
    SeedRecord.objects.create(key=key)
    return True


def create_hero_photo():
    values = {k: v for k, v in HERO_PHOTO.items() if k != "file"}
    photo = Photo(**values)
    with (SEED_IMAGES / HERO_PHOTO["file"]).open("rb") as image:
        photo.image.save(HERO_PHOTO["file"], File(image), save=False)
    photo.save()


def create_profile():
    hero_photo = Photo.objects.filter(credit_name=HERO_PHOTO["credit_name"]).first()
    AgencyProfile.objects.create(hero_photo=hero_photo, **PROFILE)


def load():
    """Load this app's seed items; returns the keys loaded now."""
    steps = [
        ("photo:friedensplatz", create_hero_photo),
        ("profile", create_profile),
    ]
    steps += [
        (
            f"focus-area:{position}",
            lambda values=values, order=position: FocusArea.objects.create(order=order, **values),
        )
        for position, values in enumerate(FOCUS_AREAS, start=1)
    ]
    steps += [
        (f"notice:{values['slug']}", lambda values=values: Notice.objects.create(**values))
        for values in NOTICES
    ]
    return [key for key, create in steps if seed_once(key, create)]
