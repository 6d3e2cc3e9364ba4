"""
The seeded English is plain English for people who read it as a second language, measured
by the same code as the editors' "Prüfungen" panel (content_checks).
"""

from django.test import TestCase

from content_checks import metrics
from content_checks.reports import checked_models, field_values, language_text, object_reports
from content_checks.text import Document
from pages.models import EasyReadPage, FreePage

from .content import load_seed

# The Easy Read page's Flesch reading ease before the English seed was revised.
EASY_READ_BEFORE = 66.9


def seeded_objects():
    return [obj for model in checked_models() for obj in model._default_manager.all()]


def english(obj):
    return language_text(type(obj), field_values(obj), "en").document


def is_content_page(obj):
    """Every seeded text but the Easy Read page (measured on its own) and the legal
    drafts, whose "[Please add: …]" notes are for editors and go before publishing."""
    return not isinstance(obj, EasyReadPage) and not (
        isinstance(obj, FreePage) and obj.has_open_gaps()
    )


class PlainEnglishSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed()

    def test_the_english_content_pages_read_easily_together(self):
        pages = [obj for obj in seeded_objects() if is_content_page(obj)]
        together = Document()
        for obj in pages:
            together.blocks += english(obj).blocks
        (score,) = metrics.readability(together, "en")  # Flesch reading ease
        assert score.value >= 60, f"Flesch reading ease {score.value}: {score.difficult_sentences}"
        assert len(pages) >= 12

    def test_no_english_sentence_is_longer_than_25_words(self):
        too_long = [
            (str(obj), sentence)
            for obj in seeded_objects()
            for sentence in english(obj).sentences()
            if metrics.word_count(sentence) > 25
        ]
        assert too_long == []

    def test_the_easy_read_page_reads_as_easily_as_before_or_better(self):
        report = next(r for r in object_reports(EasyReadPage.one()) if r.language == "en")
        assert report.scores[0].value >= EASY_READ_BEFORE
        assert [hint.excerpt for hint in report.hints] == []
