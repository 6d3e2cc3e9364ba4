"""
PostgreSQL: full-text search with the Snowball stemmer of each text's language
("Integrationen" finds "Integration", "goals" finds "goal"), and ts_headline marks
the matched words for the excerpts.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, TextField, Value, When
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname, resolution_order

from editorial.page_content import language_of

from .registry import SEARCHABLE, Hit
from .text import MARK_END, MARK_START, MAX_TERMS, clean, plain, terms_of

# The Snowball configurations PostgreSQL ships, named like Django's language names.
POSTGRESQL_CONFIGS = {
    "arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish",
    "french", "german", "greek", "hindi", "hungarian", "indonesian", "irish", "italian",
    "lithuanian", "nepali", "norwegian", "portuguese", "romanian", "russian", "serbian",
    "spanish", "swedish", "tamil", "turkish", "yiddish",
}  # fmt: skip


def text_search_config(language_code):
    """The stemmer for a language, or "simple" (no stemming) where PostgreSQL has none."""
    try:
        name = get_language_info(language_code)["name"].lower()
    except KeyError:  # a language Django has no name for
        return "simple"
    return name if name in POSTGRESQL_CONFIGS else "simple"


def _languages():
    return resolution_order(get_language())


# Words, as letters and digits only, so that they can never form tsquery syntax.
_WORDS = re.compile(r"[^\W_]{3,}")


def prefix_query(query):
    """Each word of `query` as a prefix, all required: German joins words into compounds,
    and "Integration" should find "Integrationsrat" as the SQLite search does. A phrase
    in quotes means exactly those words, and "-word" still excludes."""
    if '"' in query:
        return ""
    parts = []
    for word in query.split():
        sign = "!" if word.startswith("-") else ""
        parts += [f"{sign}{token}:*" for token in _WORDS.findall(word)]
    return " & ".join(parts[:MAX_TERMS])


def _search_query(query):
    """The visitor's words (websearch syntax: "phrase", or, -word), and each word as a
    prefix, stemmed as each language of the visible text needs them."""
    prefixes = prefix_query(query)
    combined = None
    for language_code in _languages():
        config = text_search_config(language_code)
        part = SearchQuery(query, config=config, search_type="websearch")
        if prefixes:
            part |= SearchQuery(prefixes, config=config, search_type="raw")
        combined = part if combined is None else combined | part
    return combined


def _vector(name, weight):
    """The text a visitor sees in field `name` (the fallback applies where a translation is
    empty), stemmed in the language it is written in."""
    vector = None
    untranslated = None  # every language before this one has no text
    for index, language_code in enumerate(_languages()):
        column = build_localized_fieldname(name, language_code)
        text = (
            F(column)
            if index == 0
            else Case(When(untranslated, then=column), default=Value(""), output_field=TextField())
        )
        part = SearchVector(text, config=text_search_config(language_code), weight=weight)
        vector = part if vector is None else vector + part
        empty = Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
        untranslated = empty if untranslated is None else untranslated & empty
    return vector


def find(query):
    if not terms_of(query):
        return []
    search_query = _search_query(query)
    hits = []
    for searchable in SEARCHABLE:
        title = _vector(searchable.title, "A")
        document = title
        for name in searchable.body:
            document = document + _vector(name, "B")
        rows = (
            searchable.public()
            .annotate(document=document)
            .filter(document=search_query)
            .annotate(
                rank=SearchRank(document, search_query),
                title_rank=SearchRank(title, search_query),
            )
        )
        for obj in rows:
            hits.append(Hit(obj, searchable, (obj.title_rank > 0, obj.rank, -searchable.place)))
    return hits


def matched_spans(hits, query):
    """For each hit, {text: [(start, end), …]} of the words in it that the query matched.

    ts_headline marks the words the stemmer matched ("Beratungen" for "Beratung"), which
    no literal comparison could find. One query for the whole page."""
    texts, configs = [], []
    for hit in hits:
        for name, text in _texts(hit):
            texts.append(text)
            configs.append(text_search_config(language_of(hit.obj, name)))
    marked = iter(_headlines(texts, configs, query) if texts else [])
    return [dict(_unmark(next(marked)) for _text in _texts(hit)) for hit in hits]


def _texts(hit):
    """(field name, plain text) of the title and each body field of a hit."""
    yield hit.searchable.title, clean(getattr(hit.obj, hit.searchable.title))
    for name in hit.searchable.body:
        yield name, plain(hit.obj, name)


def _headlines(texts, configs, query):
    """Each text with MARK_START/MARK_END around the words `_search_query` matches."""
    prefixes = prefix_query(query)
    parts, params = [], []
    for language_code in _languages():
        config = text_search_config(language_code)
        parts.append("websearch_to_tsquery(%s::regconfig, %s)")
        params += [config, query]
        if prefixes:
            parts.append("to_tsquery(%s::regconfig, %s)")
            params += [config, prefixes]
    options = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"
    sql = (
        f"SELECT ts_headline(t.config::regconfig, t.text, ({' || '.join(parts)}), %s) "
        "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(text, config, n) "
        "ORDER BY t.n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, options, texts, configs])
        return [row[0] for row in cursor.fetchall()]


def _unmark(marked):
    """The text without ts_headline's markers, and the (start, end) spans they enclosed."""
    text, spans, start = [], [], None
    length = 0
    for character in marked:
        if character == MARK_START:
            start = length
        elif character == MARK_END and start is not None:
            spans.append((start, length))
            start = None
        else:
            text.append(character)
            length += 1
    return "".join(text), spans
