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

# Words, punctuation and the gaps between them: "alle." → "alle Altersgruppen." shows
# as one added word, and a changed gap shows as a change too.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def tokens(text):
    return TOKENS.findall(text or "")


def _marked(tag, label, words):
    return format_html(
        '<{tag} class="diff-{tag}"><span class="visually-hidden">[{label}: </span>{words}'
        '<span class="visually-hidden">]</span></{tag}>',
        tag=tag,
        label=label,
        words="".join(words),
    )


def word_diff(old, new):
    """The whole of both texts, with every removed and added run of words marked."""
    old_words, new_words = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    parts = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(format_html("{}", "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            parts.append(_marked("del", gettext("removed"), old_words[old_start:old_end]))
        if new_end > new_start:
            parts.append(_marked("ins", gettext("added"), new_words[new_start:new_end]))
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def has_changes(old, new):
    return tokens(old) != tokens(new)
