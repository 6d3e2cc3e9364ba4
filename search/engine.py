"""
Site search over everything the public may see, in the visitor's language with the
German fallback, exactly as the pages show it.

Both engines ask the search index (search/index.py: one entry per object and language,
the text as its visitors read it) and then the searchable's own `public()` QuerySet,
in the database, so that what the public may not see (a draft, a scheduled or expired
item) is never found, whatever the index holds:

- SQLite (the embedded default): FTS5 with trigrams over case-folded text
  (search/fulltext.py), so umlauts, ß and capitals match as a reader expects and a word
  is found inside compounds. Words shorter than three characters (or an emoji) are
  compared in SQL among the entries, as a trigram index cannot hold them.
- PostgreSQL: full-text search with stemming (search/postgresql.py).

Both rank title matches above body matches, then more matches above fewer, then the
kinds of content in the order of the site's navigation.

A search's ranked list is kept for a short time (SEARCH_CACHE_SECONDS, a minute) per
query, language and content version (the page cache's), so a repeated search, or the
next page of its results, costs only the page it shows.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from editorial.page_cache import content_version, next_schedule_change

from .registry import SEARCHABLE, Hit
from .text import clean, excerpt, fold_case, highlight, plain, terms_of


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
    """Every public object matching `query`, best first, as Hits (objects not loaded)."""
    if not terms_of(query):
        return []
    if not settings.SEARCH_CACHE_SECONDS:
        return _find(query)
    key = (
        "search:"
        + hashlib.sha256(f"{content_version()}\n{get_language()}\n{query}".encode()).hexdigest()
    )
    cache = caches["search"]
    entry = cache.get(key)
    if entry is not None and (entry["expires"] is None or entry["expires"] > timezone.now()):
        return [Hit(SEARCHABLE[index], pk, score) for index, pk, score in entry["hits"]]
    hits = _find(query)
    places = {searchable: index for index, searchable in enumerate(SEARCHABLE)}
    cache.set(
        key,
        {
            "hits": [(places[hit.searchable], hit.pk, hit.score) for hit in hits],
            # A scheduled item that appears or disappears changes the results.
            "expires": next_schedule_change(),
        },
        settings.SEARCH_CACHE_SECONDS,
    )
    return hits


def _find(query):
    if connection.vendor == "postgresql":
        # Imported here: only PostgreSQL has the functions it uses.
        from . import postgresql

        scores = postgresql.scores(query)
    else:
        scores = _scores_from_trigrams(query)
    hits = public_hits(scores)
    # Title matches first, then more matches; ties in the registry's order.
    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits


def public_hits(scores):
    """Hits for {(model label, object id): score} among what the public may see now, in
    each searchable's own order: one query per kind of content that matched."""
    by_label = defaultdict(dict)
    for (label, object_id), score in scores.items():
        by_label[label][object_id] = score
    hits = []
    for searchable in SEARCHABLE:
        found = by_label.get(searchable.label)
        if not found:
            continue
        public = searchable.public().filter(pk__in=_ids(found)).values_list("pk", flat=True)
        hits += [Hit(searchable, pk, (*found[pk], -searchable.place)) for pk in public.iterator()]
    return hits


def _ids(ids):
    """`ids` as one parameter, however many there are."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(ids))])


def _scores_from_trigrams(query):
    """{(model label, object id): (title terms, matches)} of the entries in the visitor's
    language that hold every term of `query`, in one query."""
    terms = terms_of(query)
    long_terms = [term for term in terms if len(term) >= 3]
    short_terms = [term for term in terms if len(term) < 3]
    conditions, params = ["e.language = %s"], [get_language()]
    if long_terms:
        source = "search_entry_fts f JOIN search_entry e ON e.id = f.rowid"
        conditions.append("search_entry_fts MATCH %s")
        # Each term quoted: a string, never FTS5 syntax.
        params.append(" AND ".join('"' + term.replace('"', '""') + '"' for term in long_terms))
    else:
        source = "search_entry e"
    for term in short_terms:
        conditions.append("(instr(e.title, %s) > 0 OR instr(e.body, %s) > 0)")
        params += [term, term]
    in_title, count, score_params = [], [], []
    for term in terms:
        in_title.append("(instr(e.title, %s) > 0)")
        count.append(
            "(length(e.title) - length(replace(e.title, %s, ''))"
            " + length(e.body) - length(replace(e.body, %s, ''))) / %s"
        )
        score_params += [term]
    sql = (
        f"SELECT e.model, e.object_id, {' + '.join(in_title)}, {' + '.join(count)} "
        f"FROM {source} WHERE {' AND '.join(conditions)}"
    )
    count_params = [value for term in terms for value in (term, term, len(term))]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*score_params, *count_params, *params])
        return {(label, pk): (in_title, matches) for label, pk, in_title, matches in cursor}


def present(hits, query, kinds=()):
    """Results with highlighted titles and excerpts, for the hits shown on one page.
    `kinds`: the searchables of all hits, each asked once, so that the number of queries
    depends on what matched, not on which page is shown."""
    hits = _with_objects(hits, kinds)
    if connection.vendor == "postgresql":
        from . import postgresql

        terms = terms_of(query)
        found = postgresql.matched_spans(hits, query)
        # The words the stemmer matched, and what it cannot see (an emoji, "oe" for "ö").
        return [
            _result(
                hit,
                lambda text, marked=marked: merged(marked.get(text, []) + match_spans(text, terms)),
            )
            for hit, marked in zip(hits, found, strict=True)
        ]
    terms = terms_of(query)
    return [_result(hit, lambda text: match_spans(text, terms)) for hit in hits]


def _with_objects(hits, kinds):
    """The hits with their objects, one query per kind; a hit whose object is no longer
    public (it expired a moment ago) is left out."""
    wanted = {searchable: [] for searchable in kinds}
    for hit in hits:
        wanted.setdefault(hit.searchable, []).append(hit.pk)
    loaded = {
        searchable: {obj.pk: obj for obj in searchable.public().filter(pk__in=_ids(pks))}
        for searchable, pks in wanted.items()
    }
    shown = []
    for hit in hits:
        obj = loaded[hit.searchable].get(hit.pk)
        if obj is not None:
            shown.append(Hit(hit.searchable, hit.pk, hit.score, obj))
    return shown


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
    return merged(found)


def merged(found):
    """(start, end) spans in order, overlapping ones joined."""
    spans = []
    for start, end in sorted(found):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans
