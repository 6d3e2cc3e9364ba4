"""
Site search over everything the public may see, in the visitor's language with the
German fallback, exactly as the pages show it.

Two engines behind one interface, chosen by the database in use:

- SQLite (the embedded default): every public row is read (one query per model, a few
  hundred rows at most) and matched in Python on case-folded text, so umlauts, ß and
  capitals match as a reader expects (SQLite's LIKE folds ASCII only).
- PostgreSQL: full-text search with the Snowball stemmer of each text's language
  ("Integrationen" finds "Integration", "goals" finds "goal"), and ts_headline marks
  the matched words for the excerpts.

Both rank title matches above body matches, then more matches above fewer.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from goals.models import Goal, Masterplan

from .models import (
    AgencyProfile,
    EasyReadPage,
    FocusArea,
    FreePage,
    Notice,
    SignLanguagePage,
    SignLanguageVideo,
)
from .rich_text import render_plain_text
from .templatetags.content import language_of

MAX_QUERY_LENGTH = 200
# More words than this add nothing to a search on a site of this size but work.
MAX_TERMS = 10
EXCERPT_LENGTH = 240
# Private-use characters: they never reach a page, so they can mark matches unambiguously.
MARK_START, MARK_END = "\ue000", "\ue001"


def first_only(model):
    """The singleton's one row as a queryset: the pages show `Model.objects.first()`."""
    return model.objects.filter(pk__in=model.objects.order_by("pk").values("pk")[:1])


@dataclass(frozen=True)
class Searchable:
    """A model the search covers: what the public sees of it, and which fields to search.

    `title` is plain text and becomes the result's link text; `body` fields are
    editors' Markdown, searched and quoted as the words a visitor reads."""

    kind: str
    public: Callable[[], QuerySet]
    title: str
    body: tuple[str, ...] = ()


# Everything the search covers. A new public content type is one more line here.
SEARCHABLE = [
    Searchable(_("About us"), lambda: first_only(AgencyProfile), "name", ("lead", "body")),
    Searchable(_("Focus area"), lambda: FocusArea.objects.published(), "title", ("text",)),
    Searchable(_("Masterplan"), lambda: first_only(Masterplan), "title", ("description",)),
    Searchable(
        _("Goal"), lambda: Goal.objects.filter(masterplan__in=first_only(Masterplan)), "text"
    ),
    Searchable(_("Notice"), lambda: Notice.objects.published(), "title", ("text",)),
    Searchable(_("Page"), lambda: FreePage.objects.published(), "title", ("body",)),
    Searchable(_("Easy Read"), lambda: first_only(EasyReadPage), "title", ("body",)),
    Searchable(_("Sign language"), lambda: first_only(SignLanguagePage), "title", ("intro",)),
    Searchable(
        _("Sign language video"),
        lambda: SignLanguageVideo.objects.published(),
        "title",
        ("transcript",),
    ),
]


@dataclass
class Hit:
    obj: object
    searchable: Searchable
    score: tuple


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


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def clean(text):
    """NFC text without control characters (a NUL would break PostgreSQL) or our markers."""
    return _CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text or ""))


def clean_query(raw):
    """The query as searched and shown, and whether it had to be shortened."""
    query = " ".join(clean(raw).split())
    return query[:MAX_QUERY_LENGTH].strip(), len(query) > MAX_QUERY_LENGTH


_EDGE_SIGNS = re.compile(r"^\W+|\W+$")


def terms_of(query):
    """The words of a query, case-folded, without the quotes and signs around them."""
    words = (_EDGE_SIGNS.sub("", word).casefold() for word in query.split())
    unique = dict.fromkeys(word for word in words if word)
    return list(unique)[:MAX_TERMS]


def search(query):
    """Every public object matching `query`, best first."""
    if connection.vendor == "postgresql":
        hits = _find_postgresql(query)
    else:
        hits = _find_in_python(query)
    # Title matches first, then more matches; ties in the registry's order.
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def present(hits, query):
    """Results with highlighted titles and excerpts, for the hits shown on one page."""
    if connection.vendor == "postgresql":
        return _present_postgresql(hits, query)
    terms = terms_of(query)
    return [_result(hit, lambda text: _spans(text, terms)) for hit in hits]


def _result(hit, find_spans):
    """A result for `hit`, its matches located in each text by `find_spans(text)`."""
    obj, searchable = hit.obj, hit.searchable
    title = clean(getattr(obj, searchable.title))
    result = Result(
        obj=obj,
        kind=searchable.kind,
        url=obj.get_absolute_url(),
        title_field=searchable.title,
        title=_highlight(title, find_spans(title), 0, len(title)),
    )
    bodies = [(name, _plain(obj, name)) for name in searchable.body]
    bodies = [(name, text) for name, text in bodies if text]
    for name, text in bodies:
        spans = find_spans(text)
        if spans:
            result.excerpt_field, result.excerpt = name, _excerpt(text, spans)
            return result
    if bodies:
        name, text = bodies[0]
        result.excerpt_field, result.excerpt = name, _excerpt(text, [])
    return result


def _plain(obj, name):
    """The words of a Markdown field as a visitor reads them, on one line for an excerpt."""
    return " ".join(clean(render_plain_text(getattr(obj, name))).split())


# SQLite and any other database: matching in Python.


def _folded(text):
    """`text` case-folded, and for each folded character the index of its original one
    (casefold() may lengthen text: "ß" becomes "ss")."""
    folded, origins = [], []
    for index, character in enumerate(text):
        for part in character.casefold():
            folded.append(part)
            origins.append(index)
    return "".join(folded), origins


def _spans(text, terms):
    """(start, end) of every occurrence of a term in `text`, in order, not overlapping."""
    folded, origins = _folded(text)
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
    for position, searchable in enumerate(SEARCHABLE):
        for obj in searchable.public():
            title = clean(getattr(obj, searchable.title)).casefold()
            raw = " ".join(clean(getattr(obj, name)) for name in searchable.body).casefold()
            # Cheap test on the Markdown source first; only candidates are rendered.
            if not all(term in title or term in raw for term in terms):
                continue
            body = " ".join(_plain(obj, name) for name in searchable.body).casefold()
            if not all(term in title or term in body for term in terms):
                continue  # the term was only in markup, such as a link's address
            in_title = sum(term in title for term in terms)
            count = sum(title.count(term) + body.count(term) for term in terms)
            hits.append(Hit(obj, searchable, (in_title, count, -position)))
    return hits


# PostgreSQL: full-text search.

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
    from django.contrib.postgres.search import SearchQuery

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
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Case, F, Q, TextField, Value, When

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


def _find_postgresql(query):
    from django.contrib.postgres.search import SearchRank

    if not terms_of(query):
        return []
    search_query = _search_query(query)
    hits = []
    for position, searchable in enumerate(SEARCHABLE):
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
            hits.append(Hit(obj, searchable, (obj.title_rank > 0, obj.rank, -position)))
    return hits


def _present_postgresql(hits, query):
    """Highlight with ts_headline: it marks the words the stemmer matched ("Beratungen" for
    "Beratung"), which no literal comparison could find. One query for the whole page."""
    texts, configs = [], []
    for hit in hits:
        for name, text in _texts(hit):
            texts.append(text)
            configs.append(text_search_config(language_of(hit.obj, name)))
    marked = iter(_headlines(texts, configs, query) if texts else [])
    results = []
    for hit in hits:
        spans = dict(_unmark(next(marked)) for _text in _texts(hit))
        results.append(_result(hit, lambda text, spans=spans: spans.get(text, [])))
    return results


def _texts(hit):
    """(field name, plain text) of the title and each body field of a hit."""
    yield hit.searchable.title, clean(getattr(hit.obj, hit.searchable.title))
    for name in hit.searchable.body:
        yield name, _plain(hit.obj, name)


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


# Output: escaped text, with our own <mark> around the matches.


def _highlight(text, spans, start, end):
    """text[start:end] escaped, each match inside it in <mark>."""
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end or span_start < position:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text is escaped above.


def _excerpt(text, spans):
    """About EXCERPT_LENGTH characters around the first match, cut between words."""
    if len(text) <= EXCERPT_LENGTH:
        return _highlight(text, spans, 0, len(text))
    first = spans[0][0] if spans else 0
    start = max(0, first - EXCERPT_LENGTH // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + EXCERPT_LENGTH)
    if end < len(text):
        space = text.rfind(" ", max(start, spans[0][1] if spans else start), end)
        end = space if space != -1 else end
    excerpt = _highlight(text, spans, start, end)
    before = "… " if start else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{excerpt}{after}")  # noqa: S308 -- escaped by _highlight.
