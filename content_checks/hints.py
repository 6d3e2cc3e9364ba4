"""
Hints for a text in one language: plain language, accessibility, and (for translations)
what the German has that the translation lacks. Hints advise; none blocks a save.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _

from .metrics import word_count
from .text import words

LONG_SENTENCE_WORDS = 20
EASY_READ_SENTENCE_WORDS = 12
LONG_COMPOUND_LETTERS = 20
# In Leichte Sprache a compound of this length is split with a Mediopunkt (Integrations·zentrum).
EASY_READ_LONG_WORD_LETTERS = 13
ALT_TEXT_MAX_CHARACTERS = 150
# English runs about as long as its German source; far outside this, a sentence is missing
# or added. Short texts vary too much to tell.
LENGTH_RATIO_RANGE = (0.65, 1.35)
LENGTH_RATIO_MIN_CHARACTERS = 200


class Category:
    LANGUAGE = "language"
    ACCESSIBILITY = "accessibility"
    TRANSLATION = "translation"
    LABELS = {
        LANGUAGE: _("Language"),
        ACCESSIBILITY: _("Accessibility"),
        TRANSLATION: _("Translation"),
    }
    ORDER = [LANGUAGE, ACCESSIBILITY, TRANSLATION]


@dataclass
class Hint:
    category: str
    code: str
    message: str
    excerpt: str = ""


VAGUE_LINK_TEXTS = {
    "hier", "hier klicken", "klicken sie hier", "mehr", "mehr erfahren", "mehr lesen",
    "weiter", "weiterlesen", "link", "dieser link", "here", "click here", "more",
    "read more", "learn more", "this link", "more info",
}  # fmt: skip
IMAGE_WORDS = re.compile(
    r"^(bild|foto|grafik|abbildung|image|picture|photo|graphic)\s+(von|vom|of)\b", re.IGNORECASE
)
FILE_NAME = re.compile(r"\b[\w-]+\.(jpe?g|png|gif|webp|avif|svg|tiff?)\b", re.IGNORECASE)
URL_TEXT = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
CAPITALS_RUN = 3
# "is done", "were given", "has been made": a form of "be" (or "get") and a participle.
ENGLISH_PASSIVE = re.compile(
    r"\b(am|is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+|not\s+)?"
    r"(\w+ed|made|done|given|taken|written|shown|held|paid|sent|built|found|told|seen|known"
    r"|kept|led|brought|bought|chosen|spoken|begun|grown|drawn|meant|understood|set|put"
    r"|run|won|lost|left|sold|heard|read|cut|hit|spent|taught|thought|caught|felt)\b",
    re.IGNORECASE,
)
# Words that end in "-ed" and read as adjectives after "be", not as a passive.
NOT_PARTICIPLES = {"need", "used", "based", "interested", "tired", "bored", "married", "red"}
# Easy Read: one statement per sentence. A semicolon, or a comma before a conjunction or
# a relative pronoun, joins two statements.
SECOND_STATEMENT = {
    "de": re.compile(
        r";|,\s*(und|oder|aber|denn|weil|dass|wenn|damit|obwohl|die|der|das|wo|was|welche[rsnm]?)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r";|,\s*(and|but|or|so|because|which|who|where|when|if|although|while)\b", re.IGNORECASE
    ),
}
NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})?")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ENGLISH_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip


def excerpt(text, limit=120):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def letters(word):
    return sum(character.isalpha() for character in word)


def is_emoji_only(text):
    """Text that is nothing but pictographs (and the joiners between them)."""
    visible = [c for c in text if not c.isspace() and c not in "\u200d\ufe0f\ufe0e"]
    return (
        bool(visible)
        and all(unicodedata.category(c) in {"So", "Sk", "Mn", "Cf"} for c in visible)
        and any(unicodedata.category(c) == "So" for c in visible)
    )


def language_hints(document, language, easy_read=False):
    hints = []
    for sentence in document.sentences():
        count = word_count(sentence)
        limit = EASY_READ_SENTENCE_WORDS if easy_read else LONG_SENTENCE_WORDS
        if count > limit:
            hints.append(
                Hint(
                    Category.LANGUAGE,
                    "long-sentence",
                    _("A sentence of %(count)d words (at most %(limit)d are easy to read):")
                    % {"count": count, "limit": limit},
                    excerpt(sentence),
                )
            )
        if (
            easy_read
            and language in SECOND_STATEMENT
            and SECOND_STATEMENT[language].search(sentence)
        ):
            hints.append(
                Hint(
                    Category.LANGUAGE,
                    "two-statements",
                    _("Easy to read: one statement per sentence. This sentence has more:"),
                    excerpt(sentence),
                )
            )
        if language == "en":
            for match in ENGLISH_PASSIVE.finditer(sentence):
                if match.group(2).lower() not in NOT_PARTICIPLES:
                    hints.append(
                        Hint(
                            Category.LANGUAGE,
                            "passive",
                            _("Passive voice (“%(words)s”): say who does it, if you can:")
                            % {"words": match.group(0)},
                            excerpt(sentence),
                        )
                    )
                    break
    if language == "de":
        seen = set()
        for word in words(document.text):
            if "-" in word or "·" in word or word in seen:
                continue
            if letters(word) > LONG_COMPOUND_LETTERS:
                seen.add(word)
                hints.append(
                    Hint(
                        Category.LANGUAGE,
                        "long-word",
                        _(
                            "A word of %(count)d letters: a hyphen or a Mediopunkt "
                            "(·) between its parts would help:"
                        )
                        % {"count": letters(word)},
                        word,
                    )
                )
            elif easy_read and letters(word) > EASY_READ_LONG_WORD_LETTERS and word[0].isupper():
                seen.add(word)
                hints.append(
                    Hint(
                        Category.LANGUAGE,
                        "easy-read-long-word",
                        _(
                            "Leichte Sprache: split long words with a Mediopunkt "
                            "(Integrations·zentrum):"
                        ),
                        word,
                    )
                )
    return hints


def accessibility_hints(document, titles=(), alt_texts=(), file_names=()):
    """`titles` are short texts shown as headings (a page's title); `alt_texts` describe
    pictures, whose files are named in `file_names`."""
    hints = []
    for link in document.links:
        text = link.text.strip()
        if is_emoji_only(text):
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "emoji-link",
                    _("A link whose text is only an emoji: screen readers read out its name:"),
                    text,
                )
            )
        elif text.lower().strip(" .:!…»«›‹>") in VAGUE_LINK_TEXTS:
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "vague-link",
                    _("A link text that says nothing out of context: name where it leads:"),
                    text,
                )
            )
        elif URL_TEXT.match(text) or (text and text == link.href):
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "url-link",
                    _("A web address as link text: screen readers spell it out; name the page:"),
                    text,
                )
            )
    previous = 1  # the page's own title is the h1
    for heading in document.headings:
        if heading.level > previous + 1:
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "skipped-heading",
                    _(
                        "This heading skips a level (level %(level)d after level %(previous)d): "
                        "use one “#” more or less:"
                    )
                    % {"level": heading.level, "previous": previous},
                    heading.text,
                )
            )
        previous = heading.level
    for text in [*titles, *(heading.text for heading in document.headings)]:
        if is_emoji_only(text):
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "emoji-heading",
                    _("A heading that is only an emoji: screen readers read out its name:"),
                    text,
                )
            )
    for text in [*titles, *(block.text for block in document.blocks)]:
        if capitals_run(text) >= CAPITALS_RUN:
            hints.append(
                Hint(
                    Category.ACCESSIBILITY,
                    "capitals",
                    _("Text in capitals is hard to read, and some screen readers spell it:"),
                    excerpt(text),
                )
            )
    for alt in alt_texts:
        hints += alt_text_hints(alt, file_names)
    return hints


def capitals_run(text):
    """The longest run of words written in capitals (of two letters or more each)."""
    longest = run = 0
    for word in words(text):
        if letters(word) >= 2 and word.isupper():
            run += 1
            longest = max(longest, run)
        elif any(c.isalpha() for c in word):
            run = 0
    return longest


def alt_text_hints(alt, file_names=()):
    hints = []
    stems = {
        re.sub(r"[\W_]+", " ", PurePosixPath(name).stem).strip().lower()
        for name in file_names
        if name
    }
    normalised = re.sub(r"[\W_]+", " ", alt).strip().lower()
    if FILE_NAME.search(alt) or (normalised and normalised in stems):
        hints.append(
            Hint(
                Category.ACCESSIBILITY,
                "alt-file-name",
                _("The alternative text repeats a file name: describe what the picture shows:"),
                alt,
            )
        )
    if IMAGE_WORDS.match(alt.strip()):
        hints.append(
            Hint(
                Category.ACCESSIBILITY,
                "alt-image-of",
                _(
                    "The alternative text starts with “Bild von” or “Foto von”: screen readers "
                    "already say it is a picture:"
                ),
                alt,
            )
        )
    if len(alt) > ALT_TEXT_MAX_CHARACTERS:
        hints.append(
            Hint(
                Category.ACCESSIBILITY,
                "alt-long",
                _(
                    "The alternative text has %(count)d characters (about %(limit)d at most): "
                    "put the details in the caption or the text:"
                )
                % {"count": len(alt), "limit": ALT_TEXT_MAX_CHARACTERS},
                excerpt(alt),
            )
        )
    return hints


def _numbers(text):
    """The numbers of a text, without leading zeros; German numeric dates as day and year
    (the month may be written as a word in the translation)."""
    found, months = set(), []
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = match.groups()
        found.add(str(int(day)))
        if year:
            found.add(str(int(year)))
        months.append(int(month))
    rest = NUMERIC_DATE.sub(" ", text)
    for number in NUMBER.findall(rest):
        for part in re.split(r"[.,]", number):
            found.add(str(int(part)) if part.strip("0") else "0")
    return found, months


def translation_hints(source, translation, source_text, translated_text):
    """What the German `source` document has that the `translation` lacks."""
    hints = []
    if translated_text and len(source_text) >= LENGTH_RATIO_MIN_CHARACTERS:
        ratio = len(translated_text) / len(source_text)
        low, high = LENGTH_RATIO_RANGE
        if not low <= ratio <= high:
            hints.append(
                Hint(
                    Category.TRANSLATION,
                    "length-ratio",
                    _(
                        "The translation is %(percent)d %% as long as the German (usual: "
                        "%(low)d–%(high)d %%): is a sentence missing or added?"
                    )
                    % {"percent": round(ratio * 100), "low": low * 100, "high": high * 100},
                )
            )
    if not translated_text:
        return hints
    source_numbers, source_months = _numbers(source_text)
    translated_numbers, translated_months = _numbers(translated_text)
    lowered = translated_text.lower()
    missing = sorted(source_numbers - translated_numbers, key=lambda n: (len(n), n))
    if missing:
        hints.append(
            Hint(
                Category.TRANSLATION,
                "missing-numbers",
                _("Numbers or dates in the German that the translation lacks:"),
                ", ".join(missing),
            )
        )
    missing_months = [
        month
        for month in source_months
        if 1 <= month <= 12
        and month not in translated_months
        and ENGLISH_MONTHS[month - 1] not in lowered
        and str(month) not in translated_numbers
    ]
    if missing_months:
        hints.append(
            Hint(
                Category.TRANSLATION,
                "missing-months",
                _("Months of dates in the German that the translation lacks:"),
                ", ".join(str(month) for month in missing_months),
            )
        )
    missing_emails = sorted(set(EMAIL.findall(source_text)) - set(EMAIL.findall(translated_text)))
    if missing_emails:
        hints.append(
            Hint(
                Category.TRANSLATION,
                "missing-emails",
                _("E-mail addresses in the German that the translation lacks:"),
                ", ".join(missing_emails),
            )
        )
    source_links = {link.href for link in source.links if not link.href.startswith("mailto:")}
    translated_links = {link.href for link in translation.links}
    missing_links = sorted(source_links - translated_links)
    if missing_links:
        hints.append(
            Hint(
                Category.TRANSLATION,
                "missing-links",
                _("Links in the German that the translation lacks:"),
                ", ".join(missing_links),
            )
        )
    return hints
