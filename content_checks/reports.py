"""
The checks of one object, per language, and of every published text on the site. Which
models are checked, and how, the models say themselves: every model registered for
translation is checked; `easy_read = True` marks the text in Leichte Sprache, whose
stricter rules apply; `alt_text_fields` names fields that describe a picture.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from editorial.page_content import language_name

from . import hints, metrics
from .text import Block, Document, read_markdown


@dataclass
class LanguageReport:
    """What the checks found in one language of one object."""

    language: str
    has_text: bool
    words: int = 0
    reading_minutes: int = 0
    scores: list = field(default_factory=list)
    hints: list = field(default_factory=list)

    @property
    def language_name(self):
        return language_name(self.language)

    @property
    def hint_groups(self):
        """[(category label, [hints])] in a fixed order, categories without hints left out."""
        return [
            (hints.Category.LABELS[category], found)
            for category in hints.Category.ORDER
            if (found := [hint for hint in self.hints if hint.category == category])
        ]

    @property
    def verdict(self):
        """The worst verdict of the scores, for sorting and the report's summary."""
        order = [metrics.Verdict.EASY, metrics.Verdict.MEDIUM, metrics.Verdict.HARD]
        return max((score.verdict for score in self.scores), key=order.index, default="")


def checked_models():
    return sorted(
        translator.get_registered_models(abstract=False),
        key=lambda model: (model._meta.app_label, model._meta.model_name),
    )


def is_checked(model):
    return model in translator.get_registered_models(abstract=False)


def kind(model):
    return model._meta.label_lower


def translated_fields(model):
    names = translator.get_options_for_model(model).all_fields
    return [model._meta.get_field(name) for name in names]


def _long_text_fields(model):
    return [f.name for f in translated_fields(model) if isinstance(f, models.TextField)]


def _short_text_fields(model):
    alt = set(getattr(model, "alt_text_fields", ()))
    return [
        f.name
        for f in translated_fields(model)
        if not isinstance(f, models.TextField) and f.name not in alt
    ]


def _value(values, name, language):
    return (values.get(build_localized_fieldname(name, language)) or "").strip()


def localized_names(model):
    """The columns of the model's translated fields: title_de, title_en, …"""
    return [
        build_localized_fieldname(f.name, code)
        for f in translated_fields(model)
        for code, _name in settings.LANGUAGES
    ]


def field_values(obj):
    """{localized field name: value} of the object's translated fields."""
    return {name: getattr(obj, name) for name in localized_names(type(obj))}


@dataclass
class LanguageText:
    """One language of an object as visitors read it."""

    titles: list[str]
    fields: list[Document]
    alt_texts: list[str]

    @property
    def document(self):
        """Titles and texts as one document: a title reads as a sentence of its own."""
        merged = Document([Block("title", title) for title in self.titles])
        for document in self.fields:
            merged.blocks += document.blocks
            merged.links += document.links
        return merged

    @property
    def plain(self):
        return "\n".join([self.document.text, *self.alt_texts])


def language_text(model, values, language):
    return LanguageText(
        titles=[t for name in _short_text_fields(model) if (t := _value(values, name, language))],
        fields=[
            read_markdown(text)
            for name in _long_text_fields(model)
            if (text := _value(values, name, language))
        ],
        alt_texts=[
            t
            for name in getattr(model, "alt_text_fields", ())
            if (t := _value(values, name, language))
        ],
    )


def language_reports(model, values, file_names=()):
    """A LanguageReport per site language for an object of `model` whose translated
    fields hold `values` ({"title_de": …}): saved or as typed in the form."""
    source_language = settings.LANGUAGE_CODE
    easy_read = getattr(model, "easy_read", False)
    source = language_text(model, values, source_language)
    reports = []
    for code, _name in settings.LANGUAGES:
        current = source if code == source_language else language_text(model, values, code)
        document = current.document
        if not current.plain.strip():
            reports.append(LanguageReport(code, has_text=False))
            continue
        count = metrics.word_count(document.text)
        found = hints.language_hints(document, code, easy_read=easy_read)
        for index, field_document in enumerate(current.fields):
            found += hints.accessibility_hints(
                field_document, titles=() if index else current.titles
            )
        if not current.fields:
            found += hints.accessibility_hints(Document(), titles=current.titles)
        for alt in current.alt_texts:
            found += hints.alt_text_hints(alt, file_names)
        if code != source_language:
            found += hints.translation_hints(source.document, document, source.plain, current.plain)
        reports.append(
            LanguageReport(
                code,
                has_text=True,
                words=count,
                reading_minutes=metrics.reading_minutes(count, code),
                scores=metrics.readability(document, code),
                hints=found,
            )
        )
    return reports


def object_file_names(obj):
    return [
        getattr(obj, f.name).name
        for f in obj._meta.fields
        if isinstance(f, models.FileField) and getattr(obj, f.name)
    ]


def object_reports(obj):
    return language_reports(type(obj), field_values(obj), object_file_names(obj))


def published(model):
    """What the public sees of a model: its `published()` rows where it has that rule."""
    queryset = model._default_manager.all()
    return queryset.published() if hasattr(queryset, "published") else queryset


@dataclass
class Row:
    obj: object
    kind_name: str
    report: LanguageReport
    label: str = ""


def site_rows(language=None, kind_label=None):
    """A row per published object and language with text, for the report and the command."""
    rows = []
    for model in checked_models():
        if kind_label and kind(model) != kind_label:
            continue
        for obj in published(model):
            for report in object_reports(obj):
                if report.has_text and (language is None or report.language == language):
                    # The object's name in the row's language, as visitors of it read it.
                    with translation.override(report.language):
                        label = str(obj)
                    rows.append(Row(obj, str(model._meta.verbose_name), report, label))
    return rows


SORT_KEYS = {
    "object": lambda row: row.label.lower(),
    "kind": lambda row: row.kind_name.lower(),
    "language": lambda row: row.report.language,
    "words": lambda row: row.report.words,
    "score": lambda row: row.report.scores[0].value if row.report.scores else 0,
    "hints": lambda row: len(row.report.hints),
}
