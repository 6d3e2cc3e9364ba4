"""
Site search over everything the public may see, in the visitor's language with the
German fallback, exactly as the pages show it.

Two engines behind one interface, chosen by the database in use:

- SQLite (the embedded default): every public row is read (one query per model, a few
  hundred rows at most) and matched in Python on case-folded text, so umlauts, ß and
  capitals match as a reader expects (SQLite's LIKE folds ASCII only).
- PostgreSQL: full-text search (search/postgresql.py).

Both rank title matches above body matches, then more matches above fewer.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString

from .registry import SEARCHABLE, Hit
from .text import clean, excerpt, highlight, plain, terms_of


@dataclass
class Result:
    """One line of the results page, its title and excerpt as escaped HTML with <mark>s."""

    obj: object
    kind: str
    url: str
    title_field: str
    title: SafeString
    excerpt_field: str = ""
    excerpt: SafeString = field(default_factory=SafeString)


def search(query):
    """Every public object matching `query`, best first."""
    if connection.vendor == "postgresql":
        # Imported here: django.contrib.postgres needs the PostgreSQL driver.
        from . import postgresql

        hits = postgresql.find(query)
    else:
        hits = _find_in_python(query)
    # Title matches first, then more matches; ties in the registry's order.
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def present(hits, query):
    """Results with highlighted titles and excerpts, for the hits shown on one page."""
    if connection.vendor == "postgresql":
        from . import postgresql

        found = postgresql.matched_spans(hits, query)
        return [
            _result(hit, lambda text, marked=marked: marked.get(text, []))
            for hit, marked in zip(hits, found, strict=True)
        ]
    terms = terms_of(query)
    return [_result(hit, lambda text: match_spans(text, terms)) for hit in hits]


def _result(hit, find_spans):
    """A result for `hit`, its matches located in each text by `find_spans(text)`."""
    obj, searchable = hit.obj, hit.searchable
    title = clean(getattr(obj, searchable.title))
    result = Result(
        obj=obj,
        kind=searchable.kind,
        url=obj.get_absolute_url(),
        title_field=searchable.title,
        title=highlight(title, find_spans(title), 0, len(title)),
    )
    bodies = [(name, plain(obj, name)) for name in searchable.body]
    bodies = [(name, text) for name, text in bodies if text]
    for name, text in bodies:
        found = find_spans(text)
        if found:
            result.excerpt_field, result.excerpt = name, excerpt(text, found)
            return result
    if bodies:
        name, text = bodies[0]
        result.excerpt_field, result.excerpt = name, excerpt(text, [])
    return result


# SQLite and any other database: matching in Python.


def fold_case(text):
    """`text` case-folded, and for each folded character the index of its original one
    (casefold() may lengthen text: "ß" becomes "ss")."""
    folded, origins = [], []
    for index, character in enumerate(text):
        for part in character.casefold():
            folded.append(part)
            origins.append(index)
    return "".join(folded), origins


def match_spans(text, terms):
    """(start, end) of every occurrence of a term in `text`, in order, not overlapping."""
    folded, origins = fold_case(text)
    found = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            found.append((origins[start], origins[end - 1] + 1))
            start = folded.find(term, end)
    spans = []
    for start, end in sorted(found):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _find_in_python(query):
    terms = terms_of(query)
    if not terms:
        return []
    hits = []
    for searchable in SEARCHABLE:
        for obj in searchable.public():
            title = clean(getattr(obj, searchable.title)).casefold()
            raw = " ".join(clean(getattr(obj, name)) for name in searchable.body).casefold()
            # Cheap test on the Markdown source first; only candidates are rendered.
            if not all(term in title or term in raw for term in terms):
                continue
            body = " ".join(plain(obj, name) for name in searchable.body).casefold()
            if not all(term in title or term in body for term in terms):
                continue  # the term was only in markup, such as a link's address
            in_title = sum(term in title for term in terms)
            count = sum(title.count(term) + body.count(term) for term in terms)
            hits.append(Hit(obj, searchable, (in_title, count, -searchable.place)))
    return hits
