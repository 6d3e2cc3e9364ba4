"""
PostgreSQL: full-text search with the Snowball stemmer of each text's language
("Integrationen" finds "Integration", "goals" finds "goal") over the search index's
stored words (search_entry.document, GIN-indexed), and ts_headline marks the matched
words for the excerpts.
"""

import re

from django.db import connection
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import resolution_order

from editorial.page_content import language_of

from .text import MARK_END, MARK_START, MAX_TERMS, clean, fold, plain, terms_of

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
_WORDS = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W_]")


def prefix_query(query):
    """Each word of `query` as a prefix, all required: German joins words into compounds,
    and "Integration" should find "Integrationsrat" as the SQLite search does. A phrase
    in quotes means exactly those words, and "-word" still excludes."""
    if '"' in query:
        return ""
    parts = []
    for word in query.split():
        sign = "!" if word.startswith("-") else ""
        # Shorter words as they are: as a prefix, "eu" would find half the site.
        parts += [
            f"{sign}{token}{':*' if len(token) >= 3 else ''}" for token in _WORDS.findall(word)
        ]
    return " & ".join(parts[:MAX_TERMS])


def _tsquery(query):
    """SQL and parameters of the visitor's words (websearch syntax: "phrase", or, -word),
    and each word as a prefix, stemmed as each language of the visible text needs them."""
    folded = fold(query)
    prefixes = prefix_query(folded)
    parts, params = [], []
    for language_code in _languages():
        config = text_search_config(language_code)
        parts.append("websearch_to_tsquery(%s::regconfig, %s)")
        params += [config, folded]
        if prefixes:
            parts.append("to_tsquery(%s::regconfig, %s)")
            params += [config, prefixes]
    return "(" + " || ".join(parts) + ")", params


def update_documents(entries):
    """Fill the stemmed words of entries just written (search/index.py), each text stemmed
    in the language it is written in; one statement for all of them."""
    if not entries:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_entry SET document = "
            "setweight(to_tsvector(t.title_config::regconfig, search_entry.title), 'A') || "
            "setweight(to_tsvector(t.body_config::regconfig, search_entry.body), 'B') "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS t(id, title_config, body_config) "
            "WHERE search_entry.id = t.id",
            [
                [entry.pk for entry in entries],
                [text_search_config(entry.title_language) for entry in entries],
                [text_search_config(entry.body_language) for entry in entries],
            ],
        )


def scores_sql(query):
    """The statement (SQL, parameters) behind scores(): the entries in the visitor's
    language that match `query`, through the GIN index on their words. Signs no stemmer
    keeps (an emoji) must be in the text as typed. None for a query without words."""
    terms = terms_of(query)
    symbols = [term for term in terms if not _LETTER.search(term)]
    conditions, params = ["language = %s"], [get_language()]
    tsquery, tsquery_params = _tsquery(query)
    has_words = len(symbols) < len(terms)
    if has_words:
        conditions.append(f"document @@ {tsquery}")
        params += tsquery_params
        in_title = f"ts_rank('{{0, 0, 0, 1}}', document, {tsquery}) > 0"
        rank = f"ts_rank(document, {tsquery})"
        select_params = [*tsquery_params, *tsquery_params]
    else:
        in_title = " OR ".join(["strpos(title, %s) > 0"] * len(symbols)) or "false"
        rank = "1"
        select_params = symbols
    for symbol in symbols:
        conditions.append("(strpos(title, %s) > 0 OR strpos(body, %s) > 0)")
        params += [symbol, symbol]
    if not has_words and not symbols:
        return None
    sql = (
        f"SELECT model, object_id, {in_title}, {rank} FROM search_entry "
        f"WHERE {' AND '.join(conditions)}"
    )
    return sql, [*select_params, *params]


def scores(query):
    """{(model label, object id): (title matched, rank)} of the entries in the visitor's
    language that match `query`."""
    statement = scores_sql(query)
    if statement is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return {(label, pk): (matched, rank) for label, pk, matched, rank in cursor}


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
