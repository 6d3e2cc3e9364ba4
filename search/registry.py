"""
What the site search covers. Content apps register their public models in a module
named `searchable`, which the search app finds by itself (search/apps.py), as the admin
finds `admin.py`: the search names no content app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Searchable:
    """A model the search covers: what the public sees of it, and which fields to search.

    `title` is plain text and becomes the result's link text; `body` fields are
    editors' Markdown, searched and quoted as the words a visitor reads. Results that
    match equally well are listed by `place`: where the kind stands in the site's
    navigation (lower first), whichever app registers it."""

    kind: str
    place: int
    public: Callable[[], QuerySet]
    title: str
    body: tuple[str, ...] = ()

    @property
    def model(self):
        return self.public().model

    @property
    def label(self):
        """How the search index names this kind of content."""
        return self.model._meta.label_lower


# Everything the search covers, in the order of `place`.
SEARCHABLE = []


def register(searchable):
    SEARCHABLE.append(searchable)
    SEARCHABLE.sort(key=lambda registered: registered.place)
    return searchable


@dataclass
class Hit:
    """A match: which object (its pk; the object itself once loaded) and how well."""

    searchable: Searchable
    pk: int
    score: tuple
    obj: object = None
