"""
Word-level differences between two texts, as HTML an editor can read and a screen
reader can announce: removed words in <del>, added ones in <ins>, each with a hidden
label, since strike-through and colour alone say nothing to someone who cannot see them.
"""

import difflib
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# A word or a punctuation mark with the space before it: "alle." → "alle Altersgruppen."
# shows as one added word, and a changed gap shows with the word after it.
TOKENS = re.compile(r"\s*\w+|\s*[^\w\s]|\s+")
# Above this many token pairs, difflib's quadratic search is left to its own heuristic
# (frequent tokens are not used as anchors): coarser, but seconds become milliseconds.
EXACT_SEARCH_LIMIT = 1_000_000


def tokens(text):
    return TOKENS.findall(text or "")


def _marked(tag, label, text):
    return format_html(
        '<{tag} class="diff-{tag}"><span class="visually-hidden">[{label}: </span>{text}'
        '<span class="visually-hidden">]</span></{tag}>',
        tag=tag,
        label=label,
        text=text,
    )


def _opcodes(old, new):
    exact = len(old) * len(new) <= EXACT_SEARCH_LIMIT
    return difflib.SequenceMatcher(None, old, new, autojunk=not exact).get_opcodes()


def _key(token):
    """
    A token as compared: without its spaces, so that a word added in front of the first
    one leaves that one unchanged (equal runs show today's spacing), but with a line
    break before it, which in Markdown starts a new line or list item.
    """
    word = token.lstrip()
    return ("\n" if "\n" in token[: len(token) - len(word)] else "") + (word or token)


def _diff_words(old, new, parts):
    old_words, new_words = tokens(old), tokens(new)
    old_keys, new_keys = [_key(word) for word in old_words], [_key(word) for word in new_words]
    for operation, old_start, old_end, new_start, new_end in _opcodes(old_keys, new_keys):
        if operation == "equal":
            parts.append(format_html("{}", "".join(new_words[new_start:new_end])))
            continue
        if old_end > old_start:
            removed = "".join(old_words[old_start:old_end])
            parts.append(_marked("del", gettext("removed"), removed))
        if new_end > new_start:
            added = "".join(new_words[new_start:new_end])
            parts.append(_marked("ins", gettext("added"), added))


def word_diff(old, new):
    """The whole of both texts, with every removed and added run of words marked."""
    # Paragraph by paragraph first, then word by word where paragraphs differ: a long
    # text stays fast, and a change in one paragraph never pairs words across others.
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = (new or "").splitlines(keepends=True)
    parts = []
    for operation, old_start, old_end, new_start, new_end in _opcodes(old_lines, new_lines):
        if operation == "equal":
            parts.append(format_html("{}", "".join(old_lines[old_start:old_end])))
        else:
            _diff_words(
                "".join(old_lines[old_start:old_end]),
                "".join(new_lines[new_start:new_end]),
                parts,
            )
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html
