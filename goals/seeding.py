"""The Masterplan and the four goals from the agency's original page (German verbatim)."""

from editorial.seed import seed_once

from .models import Goal, Masterplan

MASTERPLAN = {
    "title_de": "Masterplan Migration/Integration",
    "title_en": "Masterplan Migration/Integration",
    "adopted_by_de": "Rat der Stadt Dortmund",
    "adopted_by_en": "Dortmund City Council",
    "description_de": "Das gesamtstädtische Integrationskonzept der Stadt Dortmund.",
    "description_en": "The integration concept for the whole City of Dortmund.",
}

GOALS = [
    {
        "text_de": (
            "Konzeption und Umsetzung des gesamtstädtischen Integrationskonzeptes Masterplan "
            "Migration/Integration"
        ),
        "text_en": (
            "Planning the integration concept for the whole city, the Masterplan "
            "Migration/Integration, and putting it into practice"
        ),
    },
    {
        "text_de": (
            "Aufbau einer breiten Vernetzungsstruktur zwischen allen am Integrationsprozess "
            "beteiligten Akteuren in Dortmund mit dem Ziel, Integration als Querschnittsaufgabe "
            "etablieren"
        ),
        "text_en": (
            "Building a broad network of everyone in Dortmund who takes part in integration, "
            "so that integration becomes a task shared by all areas of work"
        ),
    },
    {
        "text_de": (
            "Konzeption und Umsetzung kommunaler Integrationspolitik, um Chancen und Potenziale "
            "erfolgreich zu nutzen"
        ),
        "text_en": (
            "Planning the city's integration policy and putting it into practice, to make good "
            "use of opportunities and potential"
        ),
    },
    {
        "text_de": (
            "Einordnung der Dortmunder Integrationsaktivitäten in einen regionalen, nationalen "
            "und europäischen Kontext sowie einen politisch-aktuellen Zusammenhang"
        ),
        "text_en": (
            "Placing Dortmund's integration work in its regional, national and European "
            "context, and in the context of current politics"
        ),
    },
]


def create_goal(order, values):
    masterplan = Masterplan.one()
    if masterplan is not None:
        Goal.objects.create(masterplan=masterplan, order=order, **values)


def load():
    """Load this app's seed items; returns the keys loaded now."""
    steps = [("masterplan", lambda: Masterplan.objects.create(**MASTERPLAN))]
    steps += [
        (f"goal:{order}", lambda order=order, values=values: create_goal(order, values))
        for order, values in enumerate(GOALS, start=1)
    ]
    return [key for key, create in steps if seed_once(key, create)]
