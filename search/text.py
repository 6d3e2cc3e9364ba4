"""Text as the search reads and shows it: cleaned, folded, and quoted with <mark>s."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from editorial.rich_text import render_plain_text

MAX_QUERY_LENGTH = 200
# More words than this add nothing to a search on a site of this size but work.
MAX_TERMS = 10
EXCERPT_LENGTH = 240
# Private-use characters: they never reach a page, so they can mark matches unambiguously.
MARK_START, MARK_END = "\ue000", "\ue001"


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def clean(text):
    """NFC text without control characters (a NUL would break PostgreSQL) or our markers."""
    return _CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text or ""))


def clean_query(raw):
    """The query as searched and shown, and whether it had to be shortened."""
    query = " ".join(clean(raw).split())
    return query[:MAX_QUERY_LENGTH].strip(), len(query) > MAX_QUERY_LENGTH


# Umlauts also as the two letters that stand in for them where a keyboard has none
# ("Groesse" finds "Größe"): both sides of a comparison are folded alike.
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}


def fold_case(text):
    """`text` folded for comparison (case-folded, ß as ss, umlauts as ae, oe, ue), and for
    each folded character the index of its original one (folding may lengthen text)."""
    folded, origins = [], []
    for index, character in enumerate(text):
        for part in character.casefold():
            for letter in _UMLAUTS.get(part, part):
                folded.append(letter)
                origins.append(index)
    return "".join(folded), origins


_UMLAUT_TABLE = str.maketrans(_UMLAUTS)


def fold(text):
    """fold_case(text) without the origins: the same mapping, character by character."""
    return text.casefold().translate(_UMLAUT_TABLE)


def _is_edge_sign(character):
    """Quotes, brackets, operators and spaces around a word, but not the symbols a word
    can be made of (an emoji is a symbol too, and a visitor may search for one)."""
    category = unicodedata.category(character)
    return category[0] in "PZC" or category == "Sm"


def _strip_signs(word):
    start, end = 0, len(word)
    while start < end and _is_edge_sign(word[start]):
        start += 1
    while end > start and _is_edge_sign(word[end - 1]):
        end -= 1
    return word[start:end]


def terms_of(query):
    """The words of a query, folded, without the quotes and signs around them."""
    words = (fold(_strip_signs(word)) for word in query.split())
    unique = dict.fromkeys(word for word in words if word)
    return list(unique)[:MAX_TERMS]


def plain(obj, name):
    """The words of a Markdown field as a visitor reads them, on one line for an excerpt."""
    return " ".join(clean(render_plain_text(getattr(obj, name))).split())


# Output: escaped text, with our own <mark> around the matches.


def highlight(text, spans, start, end):
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


def excerpt(text, spans):
    """About EXCERPT_LENGTH characters around the first match, cut between words."""
    if len(text) <= EXCERPT_LENGTH:
        return highlight(text, spans, 0, len(text))
    first = spans[0][0] if spans else 0
    start = max(0, first - EXCERPT_LENGTH // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + EXCERPT_LENGTH)
    if end < len(text):
        space = text.rfind(" ", max(start, spans[0][1] if spans else start), end)
        end = space if space != -1 else end
    excerpt = highlight(text, spans, start, end)
    before = "… " if start else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{excerpt}{after}")  # noqa: S308 -- escaped by highlight.
